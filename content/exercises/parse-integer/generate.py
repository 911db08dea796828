"""Generated hidden tests for parse_int(text): see content/README.md, "Generated hidden tests"."""

WHITESPACE = [" ", "\t", "\n", "  \t", "\r\n", "\u00a0", "\u2003"]


def digits(rng, n):
    return "".join(rng.choice("0123456789") for _ in range(n))


# Not plain integers, though int() or a regex with optional parts accepts some of them.
NOT_INTEGERS = ["+", "-", " - ", "1_000", "٣", "４２", "+-1", "--5", "- 5", "1 2", "0x1f", "1e3", "3.0", "٣3", "²"]


def cases(rng):
    yield "empty", [rng.choice(["", "   ", "\t\n"])]
    yield "one-element", [digits(rng, 1)]
    yield "negatives", [rng.choice(WHITESPACE) + "-" + digits(rng, 18) + rng.choice(WHITESPACE)]
    yield "zero", [rng.choice(["-0", "+000", "-00", "0000000000"])]
    yield "large-magnitude", ["+" + "9" * 18]
    for text in rng.sample(NOT_INTEGERS, 6):
        yield "validation", [text]
    yield "unicode", ["\u3000" + digits(rng, 5) + "\u2028"]
    yield "boundary", [rng.choice(["+", "-"]) + "0" * 10 + digits(rng, 5)]
    yield "worst-case-size", [" " * 3000 + "-" + digits(rng, 18) + "\t" * 2000]
