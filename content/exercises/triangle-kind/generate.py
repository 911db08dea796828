"""Generated hidden tests for triangle_kind(a, b, c): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0, 0, 0]
    yield "zero", [0, rng.randint(1, 9), rng.randint(1, 9)]
    yield "negatives", [-3, 4, 5]
    yield "negatives", [rng.randint(-9, -1), rng.randint(-9, -1), rng.randint(-9, -1)]
    # Degenerate: the two short sides add up exactly to the longest, in any position.
    yield "boundary", rng.choice([[5, 2, 3], [2, 5, 3], [2, 3, 5]])
    yield "boundary", rng.choice([[10**9, 10**9 - 1, 1], [1, 10**9, 10**9 - 1]])
    # Right triangles with the hypotenuse in the middle, and at 10**9 scale where floats and sqrt are inexact.
    yield "large-magnitude", [3 * 199999999, 5 * 199999999, 4 * 199999999]
    yield "large-magnitude", [999983920, 44721, 999983921]
    # One more than a right triangle: a*a + b*b == c*c + 1, equal as floats beyond 2**53.
    yield "float-near-equality", [999939199, 999939200, 44720]
    # Two equal sides in every position, and two equal sides that make no triangle.
    yield "ties", [7, 13, 7]
    yield "ties", [13, 7, 7]
    yield "ties", rng.choice([[1, 1, 5], [2, 5, 2], [9, 4, 4]])
    yield "ties", [10**9, 10**9, 10**9]
    yield "random", [rng.randint(1, 100), rng.randint(1, 100), rng.randint(1, 100)]
