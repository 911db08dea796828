"""Generated hidden tests for common_elements(first, second): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [[], [1, 2]]
    yield "empty", [[1, "a"], []]
    yield "one-element", [[rng.randint(-5, 5)], [rng.randint(-5, 5) for _ in range(6)]]
    # Equal-looking values of different types or cases are different.
    yield "validation", [[1, "1", "a", "A", 0, "0", ""], ["1", "A", 0, ""]]
    yield "duplicates", [[3, 1, 3, 2, 1, 3], [1, 1, 3, 3]]
    yield "negatives", [[-1, -2, 0, -3], [0, -3, -1]]
    yield "unicode", [["ß", "ss", "SS", "é", "é", "İ", "i"], ["SS", "é", "i"]]
    yield "large-magnitude", [[2**64, 2**64 + 1, -2**70], [2**64 + 1, -2**70, 2**64 - 1]]
    yield "random", [[rng.randint(0, 20) for _ in range(15)], [rng.randint(0, 20) for _ in range(15)]]
    yield "worst-case-size", [[rng.randint(0, 5000) for _ in range(3000)], [rng.randint(0, 5000) for _ in range(3000)]]
