"""Generated hidden tests for fizzbuzz(n): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0]
    yield "one-element", [1]
    # Just before, at and after multiples of 3, 5 and 15.
    yield "boundary", [rng.choice([14, 29, 44])]
    yield "boundary", [rng.choice([15, 30, 45, 60])]
    yield "boundary", [rng.choice([16, 31, 46])]
    yield "random", [rng.randint(2, 999)]
    yield "worst-case-size", [1000]
    for _ in range(3):
        yield "random", [rng.randint(2, 999)]
