def flatten(nested):
    """Return a flat list of all non-list values in nested, in order."""
    pass
