"""Generated hidden tests for sum_of_evens(nums): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [[]]
    yield "one-element", [[rng.randrange(-100, 100, 2)]]
    yield "one-element", [[rng.randrange(-99, 100, 2)]]
    # Negative odd numbers: -3 % 2 is 1 in Python, but a check of n % 2 == 1 or -1 mixes them up elsewhere.
    yield "negatives", [[rng.randint(-50, -1) for _ in range(8)]]
    yield "zero", [[0, 0, -0, 1]]
    yield "duplicates", [[rng.choice([-4, 3, 6]) for _ in range(9)]]
    yield "large-magnitude", [[2**63, 2**53 + 1, -2**70, 10**30 + 1, 10**30]]
    yield "random", [[rng.randint(-1000, 1000) for _ in range(20)]]
    yield "worst-case-size", [[rng.randint(-10**9, 10**9) for _ in range(3000)]]
