def bracket_error(text):
    """Return -1 if the brackets of text are balanced, else the index of the first problem."""
    pass
