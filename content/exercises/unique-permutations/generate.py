"""Generated hidden tests for unique_permutations(items): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "one-element", [[rng.randint(-9, 9)]]
    yield "negatives", [[-1, -3, 0, -2]]
    yield "zero", [[0, 0, 0]]
    yield "duplicates", [[rng.choice([1, 2]) for _ in range(6)]]
    yield "duplicates", [["b", "a", "b", "a"]]
    # Code-point order: "Z" < "a" < "é"; 'ß' sorts after 'z', 'İ' after 'é'.
    yield "unicode", [["é", "Z", "a", "ß", "İ"]]
    yield "large-magnitude", [[2**64, -2**64, 2**64]]
    yield "random", [rng.sample(range(-50, 50), 4)]
    yield "worst-case-size", [[rng.randint(0, 9) for _ in range(6)] + [rng.randint(10, 99)]]
