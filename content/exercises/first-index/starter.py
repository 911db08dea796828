def first_index(items, target):
    """Return the index of the first occurrence of target in the sorted list items, or -1."""
    pass
