def common_elements(first, second):
    """Return the values found in both lists, once each, in the order of first."""
    pass
