"""Generated hidden tests for running_max(nums): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "one-element", [[rng.randint(-10**6, -1)]]
    # All negative and large-negative: a start of 0, -1 or -10**9 is wrong.
    yield "negatives", [[rng.randint(-10**12, -10**9) for _ in range(8)]]
    yield "negatives", [[-rng.random() for _ in range(5)]]
    yield "zero", [[0, -0.0, 0.0, -1, 0]]
    # Equal values of different types: max keeps the first, so 2 stays 2 after 2.0.
    yield "ties", [[1, 2, 2.0, 2, 1.5, 3.0, 3]]
    yield "ties", [[-5.0, -5, -7, -5.0]]
    yield "large-magnitude", [[2**53, 2**53 + 1, float(2**53), 2**64, -2**70]]
    yield "float-near-equality", [[0.1 + 0.2, 0.3, 0.30000000000000004, 0.1 * 3]]
    yield "random", [[rng.choice([rng.randint(-100, 100), rng.uniform(-100, 100)]) for _ in range(15)]]
    yield "worst-case-size", [[rng.randint(-10**6, 10**6) for _ in range(1500)]]
