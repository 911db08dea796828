"""Generated hidden tests for transpose(rows): see content/README.md, "Generated hidden tests"."""


def values(rng, n):
    return [rng.choice([rng.randint(-9, 9), None, "s", [1], False, 0.5]) for _ in range(n)]


def cases(rng):
    yield "empty", [[[], [], []]]
    yield "one-element", [[[rng.randint(-9, 9)]]]
    # The longest row first, in the middle and last; empty rows between.
    yield "boundary", [[values(rng, 5), values(rng, 2), values(rng, 3)]]
    yield "boundary", [[values(rng, 1), values(rng, 6), [], values(rng, 2)]]
    yield "boundary", [[[], values(rng, 2), values(rng, 4)]]
    yield "ties", [[values(rng, 3), values(rng, 1), values(rng, 3)]]
    yield "duplicates", [[[None, None], [None], [None, None, None]]]
    yield "random", [[values(rng, rng.randint(0, 6)) for _ in range(7)]]
    yield "worst-case-size", [[[rng.randint(-99, 99) for _ in range(rng.randint(0, 80))] for _ in range(50)]]
