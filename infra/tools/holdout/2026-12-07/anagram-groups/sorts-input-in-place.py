def anagram_groups(phrases):
    phrases.sort()
    groups = {}
    for phrase in phrases:
        key = tuple(sorted(ch for ch in phrase.lower() if ch.isalpha()))
        if key and phrase not in groups.get(key, []):
            groups.setdefault(key, []).append(phrase)
    return sorted(g for g in groups.values() if len(g) >= 2)
