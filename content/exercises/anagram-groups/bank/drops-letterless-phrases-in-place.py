def anagram_groups(phrases):
    for phrase in phrases[:]:
        if not any(ch.isalpha() for ch in phrase):
            phrases.remove(phrase)         # no letters: ignored, so out it goes
    groups = {}
    for phrase in phrases:
        key = "".join(sorted(ch for ch in phrase.lower() if ch.isalpha()))
        groups.setdefault(key, set()).add(phrase)
    return sorted(sorted(g) for g in groups.values() if len(g) >= 2)
