def anagram_groups(phrases):
    groups = {}
    for phrase in phrases:
        key = "".join(sorted(ch for ch in phrase.lower() if ch.isalpha()))
        if key:
            groups.setdefault(key, []).append(phrase)
    result = []
    for group in groups.values():
        if len(group) >= 2:
            result.append(sorted(set(group)))
    return sorted(result)
