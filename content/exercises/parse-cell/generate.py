"""Generated hidden tests for parse_cell(text): see content/README.md, "Generated hidden tests"."""

SPACE = ["", " ", "\t", "\n ", "\u00a0", "\u3000", "\r\n"]


def pad(rng, s):
    return rng.choice(SPACE) + s + rng.choice(SPACE)


def mixed_case(rng, word):
    return "".join(c.upper() if rng.random() < 0.5 else c for c in word)


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


# Text that int() or float() would read, or a regex with optional digits would match, but that is no number here.
NOT_NUMBERS = ["1_000", "1e3", "nan", "-inf", ".5", "5.", "+-1", "1.2.3", "0x1F", "- 1", "١٢", "+.5"]


def cases(rng):
    yield "empty", [pad(rng, "")]
    yield "validation", [pad(rng, mixed_case(rng, rng.choice(["null", "true", "false"])))]
    yield "validation", [pad(rng, mixed_case(rng, "false"))]
    for text in rng.sample(NOT_NUMBERS, 5):
        yield "validation", [pad(rng, text)]
    # Not ASCII: 'ſ'.upper() is 'S' and casefold() turns it into 's', but "falſe" is no "false".
    yield "unicode", [rng.choice(["falſe", "FALſE", "truE\u0301", "nuLL\u200b"])]
    yield "negatives", [pad(rng, "-" + digits(rng, 18))]
    yield "negatives", [pad(rng, "-" + digits(rng, 7) + "." + digits(rng, 8))]
    yield "zero", [rng.choice(["-0", "+0", "-0.0", "000", "0.000", "+0.0"])]
    yield "large-magnitude", ["+" + "9" * 18]
    # A decimal stays a float even when nothing but zeros follows the point.
    yield "float-near-equality", [pad(rng, rng.choice(["2.0", "-7.00", "1.0000000000000"]))]
    yield "boundary", [pad(rng, digits(rng, 3) + " " + digits(rng, 2))]
    yield "worst-case-size", [" " * 1500 + "".join(rng.choice("ab 1.") for _ in range(2000)) + "\t" * 1000]
