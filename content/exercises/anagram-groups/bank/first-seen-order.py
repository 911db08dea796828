def anagram_groups(phrases):
    groups = {}
    for phrase in phrases:
        key = "".join(sorted(ch for ch in phrase.lower() if ch.isalpha()))
        if key:
            groups.setdefault(key, set()).add(phrase)
    return [sorted(group) for group in groups.values() if len(group) >= 2]
