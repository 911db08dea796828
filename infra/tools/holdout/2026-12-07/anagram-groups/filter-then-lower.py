def anagram_groups(phrases):
    groups = {}
    for phrase in phrases:
        letters = [ch.lower() for ch in phrase if ch.isalpha()]
        if letters:
            groups.setdefault(tuple(sorted(letters)), set()).add(phrase)
    return sorted(sorted(g) for g in groups.values() if len(g) >= 2)
