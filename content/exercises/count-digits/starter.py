def count_digits(n):
    """Return how many decimal digits the integer n has (the sign does not count)."""
    pass
