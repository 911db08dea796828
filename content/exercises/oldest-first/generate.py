"""Generated hidden tests for oldest_first(people): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "empty", [[]]
    yield "one-element", [[["Zoë", rng.randint(0, 150)]]]
    # Equal ages keep the input's order, even when the names would sort the other way.
    yield "ties", [[["Zed", 30], ["Amy", 30], ["Mia", 30], ["Bob", 40], ["Abe", 40]]]
    yield "ties", [[["n%d" % i, rng.choice([0, 150])] for i in rng.sample(range(50), 10)]]
    yield "zero", [[["Baby", 0], ["Kid", 5], ["Twin", 0]]]
    yield "boundary", [[["Eld", 150], ["Old", 149], ["Elder", 150]]]
    yield "duplicates", [[["Ann", 31], ["Ann", 31], ["Ann", 12], ["Bob", 31]]]
    yield "unicode", [[["Ærøskøbing", 20], ["İlkay", 20], ["Straße", 30], ["ßeta", 20], ["Ωmega", 30]]]
    yield "random", [[["p%d" % i, rng.randint(0, 150)] for i in range(20)]]
    yield "worst-case-size", [[["p%d" % i, rng.randint(0, 150)] for i in range(1500)]]
