def min_rooms(meetings):
    """Return the smallest number of rooms that can hold all the [start, end) meetings."""
    pass
