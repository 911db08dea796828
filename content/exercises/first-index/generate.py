"""Generated hidden tests for first_index(items, target): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [[], rng.randint(-5, 5)]
    yield "one-element", [[7], 7]
    yield "one-element", [["b"], rng.choice(["a", "c"])]
    # The target first, last, before everything and after everything.
    nums = sorted(rng.sample(range(-100, 100), 12))
    yield "boundary", [nums, nums[0]]
    yield "boundary", [nums, nums[-1]]
    yield "boundary", [nums, nums[-1] + 1]
    yield "boundary", [nums, nums[0] - 1]
    yield "duplicates", [sorted([rng.choice([1, 2, 3]) for _ in range(15)]), 2]
    yield "duplicates", [[4] * 9, 4]
    yield "negatives", [sorted(rng.sample(range(-10**9, 0), 9)), -1]
    yield "unicode", [sorted(["Z", "a", "é", "ß", "İ", "i", "ǅ", "Ω", "ω", "ж"]), rng.choice(["é", "İ", "ω"])]
    big = sorted(rng.randint(-10**6, 10**6) for _ in range(3000))
    yield "worst-case-size", [big, big[rng.randrange(3000)]]
