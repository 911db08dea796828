"""Generated hidden tests for longest_run(items): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "one-element", [[rng.randint(-9, 9)]]
    yield "one-element", [["x"]]
    # Ties: the first of the longest runs wins.
    yield "ties", [[3, 3, 1, 1, 2, 2]]
    yield "ties", [["b", "b", "a", "a", "a", "c", "c", "c"]]
    # The longest run at the very end, and at the very start.
    yield "boundary", [[rng.randint(0, 3) for _ in range(6)] + [9] * 8]
    yield "boundary", [[-4] * 5 + [rng.randint(0, 3) for _ in range(8)]]
    yield "negatives", [[-1, -1, 0, 0, 0, -1]]
    yield "unicode", [["ß", "ss", "ss", "SS", "ẞ", "ẞ", "ẞ", "A", "a"]]
    yield "duplicates", [[0] * rng.randint(2, 10)]
    yield "random", [[rng.randint(0, 2) for _ in range(30)]]
    yield "worst-case-size", [[rng.choice([1, 1, 2]) for _ in range(5000)]]
