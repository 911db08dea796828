"""Generated hidden tests for convert_temperature(value, unit): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0, "F"]
    yield "zero", [0.0, "C"]
    yield "negatives", [-40, rng.choice(["C", "F"])]
    yield "negatives", [-rng.randint(1, 10**9), "F"]
    yield "large-magnitude", [rng.randint(10**8, 10**9), "C"]
    yield "large-magnitude", [-10**9, "C"]
    # Results whose second decimal is 5: round() works on the binary float, not the decimal one.
    yield "float-near-equality", [rng.choice([0.25, 2.5, 1.05, -1.05, 33.35]), "C"]
    yield "float-near-equality", [rng.choice([32.45, 100.05, 41.09]), "F"]
    # Exact halves in binary (34.25 and 11.25): round() goes to the even digit, floor(x * 10 + 0.5) up.
    yield "float-near-equality", [1.25, "C"]
    yield "float-near-equality", [52.25, "F"]
    yield "random", [round(rng.uniform(-500, 500), 2), rng.choice(["C", "F"])]
    yield "random", [rng.randint(-500, 500), rng.choice(["C", "F"])]
