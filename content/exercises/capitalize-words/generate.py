"""Generated hidden tests for capitalize_words(text): see content/README.md, "Generated hidden tests"."""

ASCII = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Letters whose case maps change the length or differ from upper case: 'ß'.upper() is 'SS', its title case
# 'Ss'; 'İ'.lower() is 'i' plus a combining dot; 'ŉ' and 'ﬁ' title-case to two characters; 'ǆ' has a title case of its own.
UNICODE = "ßİŉﬁǆǅǄΣσςΐǰжЖéÉıΩωẞ"
OTHER = "0123456789'-.,!?"


def word(rng, alphabet, length):
    return "".join(rng.choice(alphabet) for _ in range(length))


def sentence(rng, alphabet, words, max_len=7, max_gap=1):
    parts = [word(rng, alphabet, rng.randint(1, max_len)) for _ in range(words)]
    return "".join(p + " " * rng.randint(1, max_gap) for p in parts[:-1]) + parts[-1]


def cases(rng):
    yield "empty", [""]
    yield "one-element", [rng.choice(UNICODE)]
    yield "one-element", [word(rng, ASCII, 9)]
    # Every length-changing letter first in a word, then inside one.
    yield "unicode", [" ".join(c + word(rng, ASCII, 2) for c in UNICODE)]
    yield "unicode", [" ".join(word(rng, ASCII, 2) + c + word(rng, UNICODE, 2) for c in UNICODE)]
    yield "unicode", [sentence(rng, UNICODE + ASCII, 8, max_gap=3)]
    yield "boundary", [" " * rng.randint(1, 3) + sentence(rng, ASCII + UNICODE, 3) + " " * rng.randint(1, 3)]
    yield "boundary", [sentence(rng, OTHER + ASCII, 6, max_gap=2)]
    yield "duplicates", [" ".join([word(rng, UNICODE + ASCII, 4)] * 4)]
    yield "random", [sentence(rng, ASCII + UNICODE + OTHER, 10, max_gap=2)]
    yield "worst-case-size", [sentence(rng, ASCII + UNICODE + OTHER, 2000, max_len=9, max_gap=2)]
