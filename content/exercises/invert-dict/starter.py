def invert_dict(d):
    """Return a dict mapping each value of d to the sorted list of its keys."""
    pass
