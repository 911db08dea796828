"""Generated hidden tests for spiral_order(matrix): see content/README.md, "Generated hidden tests"."""


def grid(rng, rows, cols):
    return [[rng.randint(-99, 99) for _ in range(cols)] for _ in range(rows)]


def cases(rng):
    yield "empty", [[[], [], []]]
    yield "one-element", [[[rng.randint(-9, 9)]]]
    # One row, one column, and shapes whose last lap is a single row or a single column.
    yield "boundary", [grid(rng, 1, rng.randint(2, 6))]
    yield "boundary", [grid(rng, rng.randint(2, 6), 1)]
    yield "boundary", [grid(rng, 3, 6)]
    yield "boundary", [grid(rng, 6, 3)]
    yield "boundary", [grid(rng, 2, 2)]
    yield "duplicates", [[[7, 7], [7, 7], [7, 7]]]
    yield "unicode", [[["ß", "é"], ["Ω", "ж"], ["İ", "a"]]]
    yield "random", [grid(rng, rng.randint(3, 8), rng.randint(3, 8))]
    yield "worst-case-size", [grid(rng, 50, 100)]
