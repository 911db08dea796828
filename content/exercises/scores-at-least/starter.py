def at_least(scores, threshold):
    """Return a new dict with the entries of scores whose value is >= threshold."""
    return scores
