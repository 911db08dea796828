"""Generated hidden tests for parse_settings(text): see content/README.md, "Generated hidden tests"."""

KEYS = ["width", "height", "Port", "port", "name", "é", "max_size"]


def line(rng):
    kind = rng.randrange(10)
    key = rng.choice(KEYS)
    if kind == 0:
        return rng.choice(["", "   ", "\t", "# " + key + "=1", "  #x"])
    if kind == 1:
        return key + " " + str(rng.randint(0, 9))
    if kind == 2:
        return " = " + str(rng.randint(0, 9))
    if kind == 3:
        return key + "=" + rng.choice(["2.5", "", "1e3", "x", "1 2", "--1"])
    if kind == 4:
        return key + "=" + str(rng.randint(0, 9)) + "=" + str(rng.randint(0, 9))
    return rng.choice(["", " "]) + key + rng.choice(["", " "]) + "=" + rng.choice(["", " ", "+", "-"]) + str(rng.randint(0, 999))


def cases(rng):
    yield "empty", [rng.choice(["\n\n", "\r\n", "# only a comment"])]
    yield "one-element", [rng.choice(KEYS) + "=" + str(rng.randint(-9, 9))]
    # The rules' order: a duplicate key with a bad value is a "not a whole number", and "=" inside the value.
    yield "validation", ["a=1\na=x\na=2\n=\n b = 3 = 4\nc\n=x"]
    yield "validation", ["k=" + rng.choice([" -5 ", "+7", "٣", "1_000", "\u00a012\u00a0", "0b1", "-0"])]
    yield "boundary", ["\r\n".join(["#c", "a=1", "", "b=2", "a=3", "c=x"]) + "\r\n"]
    yield "duplicates", ["\n".join("key=" + str(i) for i in range(5))]
    yield "negatives", ["a=-" + str(rng.randint(1, 10**18)) + "\nb= -0\nc=-" + "9" * 25]
    yield "unicode", ["\n".join(["é=1", "É=2", "ключ = 3", "Straße=4", "STRASSE=5", "\u2028x=6"])]
    # Only "\n" separates lines: "\r", "\u2028" and "\x0c" inside a line (splitlines() would break there) shift no numbers.
    yield "boundary", ["a=1\u2028b=2\nc=3\rd=4\ne=x\x0cf=5\ng=oops"]
    yield "random", ["\n".join(line(rng) for _ in range(15))]
    yield "worst-case-size", ["\n".join(line(rng) for _ in range(1200))]
