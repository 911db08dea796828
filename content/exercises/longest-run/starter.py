def longest_run(items):
    """Return [value, length] of the longest run of equal neighbours in items, or None if items is empty."""
    pass
