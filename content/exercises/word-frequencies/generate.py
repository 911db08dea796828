"""Generated hidden tests for word_frequencies(text): see content/README.md, "Generated hidden tests"."""

ASCII = "abcdeHELLOxyz"
# Case maps beyond Latin-1: 'İ'.lower() is two code points, 'ẞ'.lower() is 'ß', a final 'Σ' lowers to 'ς'.
UNICODE = "İıẞßΣσςΩωЯяǅǆéÉ"
SEPARATORS = [" ", "  ", "\t", "\n", ", ", "'", "-", "_", "3", "!", " -- ", "\u00a0", "\u2014"]


def words(rng, letters, count, max_len=6):
    return [("".join(rng.choice(letters) for _ in range(rng.randint(1, max_len)))) for _ in range(count)]


def join(rng, parts):
    return "".join(p + rng.choice(SEPARATORS) for p in parts[:-1]) + parts[-1] if parts else ""


def cases(rng):
    yield "empty", [rng.choice(["", " \t\n", "123 -- 456", "'_'"])]
    yield "one-element", ["".join(rng.choice(UNICODE) for _ in range(5))]
    # The same word in upper, lower and title case, with the length-changing letters at each end.
    yield "unicode", [join(rng, ["İSTANBUL", "istanbul", "İstanbul", "ΣΟΦΟΣ", "σοφος", "STRAẞE", "straße", "Ǆungla", "ǆungla"])]
    yield "unicode", [join(rng, words(rng, UNICODE + ASCII, 12, 4))]
    yield "duplicates", [join(rng, [w.upper() if rng.random() < 0.5 else w for w in words(rng, "ab", 15, 2)])]
    yield "ties", [join(rng, rng.sample(["one", "two", "three", "ONE", "Two", "tHREE"], 6))]
    yield "boundary", ["'" + join(rng, words(rng, ASCII + UNICODE, 4)) + "'"]
    yield "random", [join(rng, words(rng, ASCII + UNICODE, 20))]
    yield "worst-case-size", [join(rng, words(rng, ASCII + UNICODE, 3000, 5))]
