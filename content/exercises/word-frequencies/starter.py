def word_frequencies(text):
    """Return a dict mapping each lower-cased word of text to its count."""
    pass
