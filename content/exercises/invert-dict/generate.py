"""Generated hidden tests for invert_dict(d): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [{}]
    yield "one-element", [{"k": "v"}]
    yield "duplicates", [{k: "same" for k in rng.sample(["b", "a", "C", "10", "9", "é", ""], 7)}]
    # Values that are equal-looking but different strings stay apart; keys sort by code point.
    yield "unicode", [{"straße": "ß", "STRASSE": "SS", "Straße": "ß", "İ": "i", "i": "i", "é": "e", "E": "e"}]
    yield "ties", [{"b": "x", "a": "y", "d": "x", "c": "y"}]
    yield "boundary", [{"": "", " ": " ", "a": ""}]
    yield "random", [{"k%d" % i: rng.choice("abc") for i in rng.sample(range(100), 15)}]
    yield "worst-case-size", [{"w%05d" % i: "v%d" % rng.randint(0, 50) for i in rng.sample(range(10**5), 2000)}]
