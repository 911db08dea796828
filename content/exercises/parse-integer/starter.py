def parse_int(text):
    """Return the integer written in text, or None if text is not a plain integer."""
    pass
