def capitalize_words(text):
    """Return text with each space-separated word capitalized; keep every space."""
    return text
