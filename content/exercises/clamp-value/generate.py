"""Generated hidden tests for clamp(value, low=None, high=None): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    # Zero bounds are bounds: a test of "if low:" forgets them.
    yield "zero", [rng.randint(-9, -1), 0, rng.randint(1, 9)]
    yield "zero", [rng.randint(1, 9), None, 0]
    yield "zero", [0.0, 0, 0]
    yield "negatives", [rng.randint(-100, -60), -50, -10]
    yield "negatives", [-rng.random(), None, -0.5]
    yield "ties", [5, 5, 5]
    yield "ties", [5.0, 5, 6]
    yield "large-magnitude", [2**60 + 1, 0, 2**60]
    yield "float-near-equality", [0.1 + 0.2, 0, 0.3]
    # No bounds means no limit: not 0..100.
    yield "boundary", [rng.randint(101, 10**6), None, None]
    yield "boundary", [-rng.randint(1, 10**6)]
    yield "random", [rng.uniform(-100, 100), rng.randint(-50, 0), rng.randint(0, 50)]
