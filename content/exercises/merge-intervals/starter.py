def merge_intervals(intervals):
    """Merge overlapping [start, end] intervals; return them sorted by start."""
    pass
