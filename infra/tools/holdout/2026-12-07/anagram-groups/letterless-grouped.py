def anagram_groups(phrases):
    groups = {}
    for phrase in phrases:
        key = tuple(sorted(ch for ch in phrase.lower() if ch.isalpha()))
        groups.setdefault(key, set()).add(phrase)
    return sorted(sorted(g) for g in groups.values() if len(g) >= 2)
