"""Generated hidden tests for decode_runs(code): see content/README.md, "Generated hidden tests"."""

CHARACTERS = "ab xyz.-!é"


def runs(rng, n, largest):
    return "".join(str(rng.randint(1, largest)) + rng.choice(CHARACTERS) for _ in range(n))


def cases(rng):
    yield "empty", [""]
    yield "one-element", [str(rng.randint(1, 9)) + rng.choice(CHARACTERS)]
    yield "one-element", [rng.choice(CHARACTERS)]
    # A problem in the first run, in the middle, or in the last one.
    yield "boundary", ["0" + runs(rng, 3, 5)]
    yield "boundary", [runs(rng, 2, 5) + rng.choice(["x", "00y", "07z"]) + runs(rng, 2, 5)]
    yield "boundary", [runs(rng, 3, 5) + str(rng.randint(1, 99))]
    yield "zero", ["10" + rng.choice(CHARACTERS) + "0" + rng.choice(CHARACTERS)]
    # Digits of other writing systems and other characters that look like counts are characters.
    yield "unicode", ["3٣2" + rng.choice("①²５") + "1ß"]
    yield "validation", [rng.choice(["1", "12", "007a", "1a2"])]
    yield "random", [runs(rng, 6, 30)]
    yield "worst-case-size", [runs(rng, 800, 12)]
