def anagram_groups(phrases):
    groups = {}
    for phrase in phrases:
        key = "".join(sorted(ch for ch in phrase.casefold() if ch.isalpha()))
        if key:
            groups.setdefault(key, set()).add(phrase)
    return sorted(sorted(g) for g in groups.values() if len(g) >= 2)
