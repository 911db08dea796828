def evictions(capacity, requests):
    """Simulate a least-recently-used cache; return the evicted keys in order."""
    pass
