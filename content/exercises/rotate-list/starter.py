def rotate(items, k):
    """Return a new list: items rotated k places to the right (to the left if k is negative)."""
    pass
