"""Generated hidden tests for evictions(capacity, requests): see content/README.md, "Generated hidden tests"."""


def requests(rng, keys, n):
    return [rng.choice(keys) for _ in range(n)]


def cases(rng):
    yield "empty", [rng.randint(1, 5), []]
    yield "one-element", [1, [rng.choice("abc")]]
    yield "one-element", [1, requests(rng, ["a", "b"], 8)]
    # Exactly capacity distinct keys (nothing evicted), then one more.
    keys = ["k%d" % i for i in range(rng.randint(2, 6))]
    yield "boundary", [len(keys), keys + keys[::-1] + ["new"]]
    # The oldest key used again just before the cache overflows.
    yield "boundary", [3, ["a", "b", "c", "a", "d", "b", "e"]]
    yield "duplicates", [2, ["x"] * rng.randint(2, 4) + ["y", "y", "z", "x"]]
    yield "unicode", [2, ["ﬁ", "fi", "İ", "i̇", "ﬁ", "ß", "ss"]]
    yield "random", [rng.randint(2, 4), requests(rng, list("abcdef"), 20)]
    yield "worst-case-size", [rng.randint(20, 60), requests(rng, ["key%d" % i for i in range(100)], 3000)]
