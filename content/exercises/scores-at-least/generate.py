"""Generated hidden tests for at_least(scores, threshold): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [{}, rng.randint(-5, 5)]
    yield "one-element", [{"solo": rng.randint(0, 100)}, 50]
    # Scores equal to the threshold are kept, in int and float, and 0 is a score.
    yield "boundary", [{"a": 80, "b": 80.0, "c": 79.99999999999999, "d": 81}, 80]
    yield "zero", [{"z": 0, "n": -0.0, "p": 0.5}, 0]
    yield "negatives", [{"k%d" % i: rng.randint(-100, -1) for i in range(6)}, -rng.randint(1, 100)]
    yield "float-near-equality", [{"x": 0.1 + 0.2, "y": 0.3}, 0.3]
    yield "large-magnitude", [{"big": 2**53 + 1, "bigger": 2**64, "f": 9007199254740992.0}, 2**53 + 1]
    yield "ties", [{"b": 70, "a": 70, "c": 60}, 70.0]
    yield "unicode", [{"İlkay": 90, "ßeta": 70, "Ωmega": 85}, 80]
    yield "random", [{"p%d" % i: rng.choice([rng.randint(0, 100), round(rng.uniform(0, 100), 1)]) for i in range(15)}, rng.randint(30, 70)]
    yield "worst-case-size", [{"p%04d" % i: rng.randint(0, 100) for i in range(2000)}, rng.randint(0, 100)]
