def wrap_text(text, width):
    """Split text into lines of at most width characters, breaking only between words."""
    return [text]
