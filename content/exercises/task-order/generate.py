"""Generated hidden tests for task_order(deps): see content/README.md, "Generated hidden tests"."""


def layered(rng, names):
    """deps in which each task waits only for tasks earlier in names: always orderable."""
    deps = {}
    for i, name in enumerate(names):
        deps[name] = rng.sample(names[:i], min(i, rng.randint(0, 2)))
    return deps


def cases(rng):
    yield "empty", [{}]
    yield "one-element", [{rng.choice(["a", "task", "z"]): []}]
    yield "one-element", [{"only": ["other"]}]
    # Names that sort differently from how they read: capitals, digits, different lengths.
    names = ["a", "B", "b", "10", "9", "ab", "A"]
    rng.shuffle(names)
    yield "ties", [layered(rng, names)]
    yield "duplicates", [{"a": ["b", "b", "c"], "c": ["b", "b"], "b": []}]
    yield "unicode", [{"é": ["e"], "e": [], "ﬁ": ["é"], "İ": [], "i": ["İ"]}]
    # A circle at the very end of a long chain, and a task waiting for itself among good ones.
    chain = {"t%d" % i: ["t%d" % (i - 1)] for i in range(1, 9)}
    chain["t0"] = ["t8"]
    yield "validation", [chain]
    yield "validation", [{"a": [], "b": ["a"], "c": ["c"]}]
    letters = [chr(ord("a") + i) for i in range(12)]
    rng.shuffle(letters)
    yield "random", [layered(rng, letters)]
    many = ["n%03d" % i for i in range(250)]
    rng.shuffle(many)
    yield "worst-case-size", [layered(rng, many)]
