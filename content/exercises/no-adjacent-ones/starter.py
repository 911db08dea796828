def no_adjacent_ones(n):
    """Return all strings of n "0"/"1" characters with no two "1" next to each other, sorted."""
    pass
