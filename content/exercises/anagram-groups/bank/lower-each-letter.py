def anagram_groups(phrases):
    groups = {}
    for phrase in phrases:
        key = tuple(sorted(ch.lower() for ch in phrase if ch.isalpha()))
        if key:
            groups.setdefault(key, set()).add(phrase)
    return sorted(sorted(group) for group in groups.values() if len(group) >= 2)
