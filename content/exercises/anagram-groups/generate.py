"""Generated hidden tests for anagram_groups(phrases): see content/README.md, "Generated hidden tests"."""


def shuffled(rng, s):
    chars = list(s)
    rng.shuffle(chars)
    return "".join(chars)


def cases(rng):
    yield "empty", [[]]
    yield "empty", [["", "123", " !? ", "--"]]
    yield "one-element", [[shuffled(rng, "listen")]]
    # 'İ' lowers to 'i' plus a combining dot; 'ẞ' lowers to 'ß'; a final 'Σ' lowers to 'ς', another one to 'σ'.
    yield "unicode", [["İris", "siri", "SIRI", "STRAẞE", "straße", "Straße!", "strasse", "ΣΑΣ", "σας", "ασσ"]]
    yield "unicode", [[shuffled(rng, "éclair"), "Éclair", "ÉCLAIR", "eclair", shuffled(rng, "ωмега"), "ΩМЕГА"]]
    yield "duplicates", [["stop", "pots", "stop", "tops", "pots", "opts", "post"]]
    yield "duplicates", [["abc", "abc", "abc"]]
    # Same letters, different counts: not anagrams.
    yield "boundary", [["aab", "abb", "ab", "ba", "aabb", "bbaa"]]
    yield "ties", [["b a", "ab", "A B", "c d", "dc", "D-C"]]
    words = ["".join(rng.choice("abcde") for _ in range(3)) for _ in range(25)]
    yield "random", [words]
    yield "worst-case-size", [["".join(rng.choice("abcdeé İ") for _ in range(5)) for _ in range(2000)]]
