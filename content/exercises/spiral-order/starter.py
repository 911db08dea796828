def spiral_order(matrix):
    """Return the elements of the rectangular matrix (a list of rows) in clockwise spiral order."""
    pass
