def anagram_groups(phrases):
    """Return the sorted groups (2+ distinct phrases) of phrases that are anagrams."""
    return []
