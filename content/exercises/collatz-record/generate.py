"""Generated hidden tests for longest_collatz(limit): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "one-element", [1]
    yield "one-element", [2]
    # Limits at which a new record starts, and just below one (ties keep the smallest start).
    yield "boundary", [rng.choice([27, 97, 871, 6171])]
    yield "boundary", [rng.choice([26, 96, 870, 6170])]
    # Limits at which a later start ties the record: the first one keeps it.
    yield "ties", [rng.choice([19, 55, 235])]
    yield "ties", [rng.choice([654, 667, 2322, 2323])]
    yield "random", [rng.randint(3, 5000)]
    yield "worst-case-size", [10000]
    for _ in range(4):
        yield "random", [rng.randint(3, 10000)]
