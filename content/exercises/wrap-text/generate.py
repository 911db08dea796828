"""Generated hidden tests for wrap_text(text, width): see content/README.md, "Generated hidden tests"."""

LETTERS = "abcdefghijklmnopqrstuvwxyzé-'.,ßİΩж"
SPACES = [" ", "  ", "\t", "\n", " \n ", "\u00a0", "\u3000"]


def word(rng, low, high):
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(low, high)))


def text(rng, words):
    return "".join(w + rng.choice(SPACES) for w in words[:-1]) + (words[-1] if words else "")


def cases(rng):
    yield "empty", [rng.choice(SPACES) * 3, rng.randint(1, 20)]
    yield "one-element", [word(rng, 3, 8), 1]
    width = rng.randint(4, 8)
    # An over-long word first, in the middle, and last: only the first position is easy to forget.
    yield "boundary", [text(rng, [word(rng, width + 3, width + 6)] + [word(rng, 1, 2) for _ in range(4)]), width]
    yield "boundary", [text(rng, [word(rng, 1, 2) for _ in range(4)] + [word(rng, width + 1, width + 4)]), width]
    # Lines that are exactly `width` long, then one character too long.
    yield "boundary", [text(rng, ["ab", "cd", "ef", "gh", "ijk", "lm"]), 5]
    yield "boundary", ["  " + text(rng, [word(rng, 1, 5) for _ in range(6)]) + " \n", rng.randint(1, 3)]
    yield "unicode", [text(rng, ["ßß", "İİ", "ǅǅ", "жж", "ΩΩ", "éé"]), 5]
    yield "duplicates", [text(rng, ["aa"] * 7), 5]
    yield "random", [text(rng, [word(rng, 1, 9) for _ in range(25)]), rng.randint(8, 20)]
    yield "worst-case-size", [text(rng, [word(rng, 1, 12) for _ in range(600)]), rng.randint(20, 60)]
    # The widest width the statement allows: everything fits on one line.
    yield "boundary", [text(rng, [word(rng, 1, 6) for _ in range(100)]), 1000]
