"""Generated hidden tests for second_largest(nums): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [[]]
    yield "one-element", [[rng.randint(-100, -1)]]
    # All negative: a start of 0 or -1 is wrong.
    yield "negatives", [[rng.randint(-10**9, -2) for _ in range(6)]]
    yield "negatives", [[-1, -1, -2]]
    yield "zero", [[0, 0, -1]]
    yield "duplicates", [[rng.choice([3, 9]) for _ in range(8)] + [9, 3]]
    yield "duplicates", [[5] * rng.randint(2, 6)]
    yield "large-magnitude", [[2**63, 2**63 - 1, -2**63, 2**70]]
    # The maximum first, then last: the second largest found in one pass must handle both.
    yield "boundary", [[100] + [rng.randint(1, 50) for _ in range(5)]]
    yield "boundary", [[rng.randint(1, 50) for _ in range(5)] + [100, 99]]
    yield "random", [[rng.randint(-20, 20) for _ in range(12)]]
    yield "worst-case-size", [[rng.randint(-10**9, 10**9) for _ in range(5000)]]
