"""Generated hidden tests for letter_grade(score): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0]
    yield "zero", [-0.0]
    yield "negatives", [-rng.random()]
    yield "negatives", [-rng.randint(1, 10**9)]
    # Just below each boundary (the closest float), and at it as a float.
    yield "float-near-equality", [rng.choice([89.99999999999999, 79.99999999999999, 69.99999999999999, 59.99999999999999])]
    yield "float-near-equality", [100.00000000000001]
    yield "boundary", [rng.choice([90.0, 80.0, 70.0, 60.0])]
    yield "boundary", [100.0]
    yield "large-magnitude", [10**9]
    yield "random", [round(rng.uniform(0, 100), 2)]
