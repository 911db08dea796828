"""Generated hidden tests for caesar(text, shift): see content/README.md, "Generated hidden tests"."""

ASCII = "abcxyzABCXYZ"


def cases(rng):
    yield "empty", ["", rng.randint(-10**9, 10**9)]
    yield "zero", ["Hello, World!", 0]
    # Negative shifts: Python's % wraps them into 0..25; truncating code does not.
    yield "negatives", ["abc XYZ", -rng.randint(1, 25)]
    yield "negatives", ["The Quick Brown Fox", -rng.randint(10**8, 10**9)]
    yield "large-magnitude", ["Zz Aa", 10**9]
    yield "large-magnitude", ["Zz Aa", 26 * rng.randint(10**6, 10**7)]
    # Letters outside a-z/A-Z stay: 'ß', 'é', 'я', and 'İ', 'ı', 'K' (Kelvin sign) whose case maps reach ASCII.
    yield "unicode", ["ßéяİıK ſtraße Ωmega", rng.randint(1, 25)]
    yield "boundary", ["azAZ`{@[", rng.choice([1, 25, 26, 27, -26])]
    yield "random", ["".join(rng.choice(ASCII + " .,1é") for _ in range(40)), rng.randint(-100, 100)]
    yield "worst-case-size", ["".join(rng.choice(ASCII + " .é") for _ in range(4000)), rng.randint(-10**9, 10**9)]
