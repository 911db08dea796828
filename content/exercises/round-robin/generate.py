"""Generated hidden tests for round_robin(lists): see content/README.md, "Generated hidden tests"."""


def values(rng, n):
    return [rng.choice([rng.randint(-9, 9), 0, None, False, "", [], "s", [1, 2], 2.5]) for _ in range(n)]


def cases(rng):
    yield "empty", [[]]
    yield "empty", [[[], [], []]]
    yield "one-element", [[values(rng, rng.randint(1, 5))]]
    # Falsy values and sublists are values; empty lists first, in the middle and last.
    yield "boundary", [[[], values(rng, 3), [], values(rng, 1), []]]
    yield "boundary", [[[None, 0], [False, ""], [[], [[]]]]]
    yield "ties", [[values(rng, 3) for _ in range(4)]]
    yield "duplicates", [[[1, 1], [1], [1, 1, 1]]]
    yield "random", [[values(rng, rng.randint(0, 6)) for _ in range(6)]]
    yield "worst-case-size", [[[rng.randint(-10**6, 10**6) for _ in range(rng.randint(0, 60))] for _ in range(60)]]
