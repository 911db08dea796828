def unique_permutations(items):
    """Return the distinct orderings of items as lists, sorted in ascending order."""
    pass
