"""Generated hidden tests for sliding_windows(items, size, step): see content/README.md, "Generated hidden tests"."""


def values(rng, n):
    pool = [0, -1, 2.5, "a", None, True, [1, 2], {"k": 1}, "é"]
    return [rng.choice(pool) if rng.random() < 0.3 else rng.randint(-50, 50) for _ in range(n)]


def cases(rng):
    yield "empty", [[], rng.randint(1, 3), rng.randint(1, 3)]
    yield "one-element", [values(rng, 1), 1, rng.randint(2, 5)]
    # A short input with a step beyond its length: one window, not none.
    n = rng.randint(3, 5)
    yield "boundary", [values(rng, n), n - 1, n + rng.randint(1, 4)]
    yield "boundary", [values(rng, n), n, rng.randint(2, 9)]
    # The last window ends exactly at the end, then one item short of it.
    yield "boundary", [values(rng, 10), 4, 3]
    yield "boundary", [values(rng, 9), 4, 3]
    yield "duplicates", [[7] * 6, 2, 2]
    yield "random", [values(rng, 20), rng.randint(1, 5), rng.randint(1, 5)]
    yield "worst-case-size", [[rng.randint(-10**6, 10**6) for _ in range(3000)], 3, 7]
