def round_robin(lists):
    """Return the values of lists interleaved: one from each list in turn, skipping exhausted lists."""
    pass
