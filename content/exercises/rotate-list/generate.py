"""Generated hidden tests for rotate(items, k): see content/README.md, "Generated hidden tests"."""


def values(rng, n):
    return [rng.choice([rng.randint(-9, 9), "s", None, True, [1], 2.5]) for _ in range(n)]


def cases(rng):
    yield "empty", [[], rng.randint(-10**9, 10**9)]
    yield "one-element", [values(rng, 1), rng.randint(-10**9, 10**9)]
    # Negative k: Python's % is never negative, so -1 % n is n - 1; truncating code gets another answer.
    yield "negatives", [values(rng, 7), -rng.randint(1, 6)]
    yield "negatives", [values(rng, 5), -rng.randint(10**8, 10**9)]
    yield "zero", [values(rng, 4), 0]
    yield "boundary", [values(rng, 6), 6]
    yield "boundary", [values(rng, 6), -6]
    yield "large-magnitude", [values(rng, 9), 10**9]
    yield "duplicates", [[1, 1, 2, 2, 1], rng.randint(1, 4)]
    yield "random", [values(rng, 12), rng.randint(-30, 30)]
    yield "worst-case-size", [[rng.randint(-99, 99) for _ in range(5000)], rng.randint(-10**9, 10**9)]
