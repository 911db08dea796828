"""Generated hidden tests for longest_collatz(limit): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "one-element", [1]
    yield "one-element", [2]
    # Limits at which a new record starts, and just below one (ties keep the smallest start).
    yield "boundary", [rng.choice([27, 97, 871, 6171])]
    yield "boundary", [rng.choice([26, 96, 870, 6170])]
    yield "ties", [rng.choice([18, 19, 54, 55])]
    yield "random", [rng.randint(3, 5000)]
    yield "worst-case-size", [10000]
    for _ in range(4):
        yield "random", [rng.randint(3, 10000)]
