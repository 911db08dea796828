"""Generated hidden tests for bracket_error(text): see content/README.md, "Generated hidden tests"."""

PAIRS = ["()", "[]", "{}"]


def balanced(rng, groups):
    """A balanced text: groups of brackets, some nested, with filler characters."""
    out = []
    for _ in range(groups):
        o, c = rng.choice(PAIRS)
        inner = balanced(rng, rng.randint(0, 2)) if rng.random() < 0.3 else rng.choice(["", "a", "1 ", "é"])
        out.append(o + inner + c)
    return "".join(out)


def cases(rng):
    yield "empty", [""]
    yield "one-element", [rng.choice("([{")]
    yield "one-element", [rng.choice(")]}")]
    # The problem at the very first or the very last character, and one in the middle.
    yield "boundary", [balanced(rng, 4) + rng.choice(")]}")]
    yield "boundary", [rng.choice("([{") + balanced(rng, 4)]
    text = balanced(rng, 6)
    cut = rng.randrange(len(text))
    yield "boundary", [text[:cut] + rng.choice(")]}") + text[cut:]]
    # The same kind of bracket opened several times, some closed, some not.
    yield "duplicates", ["((" + balanced(rng, 2) + ")(" + "()" * rng.randint(1, 3)]
    yield "unicode", ["ﬁ(「ß」) [İ] {" + "→" * rng.randint(1, 3) + "}（）"]
    yield "validation", ["<a href='x'>(ok)</a> " + rng.choice(["", ")", "(", "]["])]
    yield "random", ["".join(rng.choice("()[]{}ab") for _ in range(30))]
    yield "worst-case-size", [balanced(rng, 400) + rng.choice(["", "(", "}"])]
