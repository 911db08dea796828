"""Generated hidden tests for safe_divide(a, b): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0, rng.choice([0, 0.0, -0.0])]
    yield "zero", [rng.randint(-9, 9), -0.0]
    yield "zero", [0.0, rng.randint(1, 9)]
    yield "negatives", [-rng.randint(1, 100), rng.randint(1, 7)]
    yield "negatives", [-7, -2]
    # Beyond 2**53: the quotient is a float, rounded.
    yield "large-magnitude", [10**12, 3]
    yield "large-magnitude", [-(10**12) + 1, 10**12]
    yield "validation", [rng.choice(["6", "", "0", [], {}, None, [6]]), rng.choice([2, 0])]
    yield "validation", [rng.choice([6, 0]), rng.choice(["2", "0", None, [0], {"b": 0}])]
    yield "validation", [None, None]
    yield "float-near-equality", [0.1 + 0.2, 0.3]
    yield "random", [rng.uniform(-10**6, 10**6), rng.uniform(-10, 10)]
