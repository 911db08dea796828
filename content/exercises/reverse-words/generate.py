"""Generated hidden tests for reverse_words(s): see content/README.md, "Generated hidden tests"."""

SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u3000", "\r\n"]


def word(rng):
    return "".join(rng.choice("abcXYZé-'.ßİ") for _ in range(rng.randint(1, 6)))


def text(rng, n):
    return "".join(word(rng) + rng.choice(SPACES) for _ in range(n - 1)) + (word(rng) if n else "")


def cases(rng):
    yield "empty", ["".join(rng.choice(SPACES) for _ in range(4))]
    yield "one-element", [rng.choice(SPACES) + word(rng) + rng.choice(SPACES)]
    yield "boundary", ["  " + text(rng, 4) + "\n"]
    yield "unicode", ["ßtraße İstanbul ΣΟΦΟΣ ǅemal\u3000жук"]
    yield "duplicates", [" ".join(["echo"] * 3 + ["Echo"])]
    yield "random", [text(rng, 12)]
    yield "worst-case-size", [text(rng, 2000)]
