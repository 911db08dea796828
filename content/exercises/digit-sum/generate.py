"""Generated hidden tests for digit_sum(n): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0]
    yield "one-element", [rng.randint(1, 9)]
    # Negative numbers: -7 % 10 is 3 and -7 // 10 is -1 in Python, where C-like code truncates.
    yield "negatives", [-rng.randint(1, 9)]
    yield "negatives", [-rng.randint(10**5, 10**9)]
    # Beyond 2**53: n / 10 loses digits.
    yield "large-magnitude", [2**53 + 1]
    yield "large-magnitude", [-(10**30 + 7)]
    yield "large-magnitude", [int("9" * 40)]
    yield "duplicates", [int(str(rng.randint(1, 9)) * 25)]
    yield "random", [rng.randint(-10**12, 10**12)]
    yield "worst-case-size", [-int("".join(rng.choice("0123456789") for _ in range(399)) + "7")]
