"""Generated hidden tests for pairs_with_sum(nums, target): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [[], rng.randint(-5, 5)]
    yield "one-element", [[3], 6]
    # Half the target once, then twice: a number is not its own partner.
    yield "duplicates", [[4, 1, 5], 8]
    yield "duplicates", [[4, 4, 4, 2, 6, 6], 8]
    yield "negatives", [[rng.randint(-20, 5) for _ in range(10)], -rng.randint(0, 10)]
    yield "zero", [[0, 0, 0, 1, -1], 0]
    yield "large-magnitude", [[2**62, 2**62, -2**63, 2**63 + 5, 5], 2**63]
    yield "ties", [[1, 5, 2, 4, 3, 3, 6, 0], 6]
    yield "random", [[rng.randint(-10, 10) for _ in range(20)], rng.randint(-5, 5)]
    yield "worst-case-size", [[rng.randint(-500, 500) for _ in range(1000)], rng.randint(-10, 10)]
