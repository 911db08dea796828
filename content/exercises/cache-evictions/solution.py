def evictions(capacity, requests):
    # A dict remembers insertion order: re-inserting a key on every request keeps the
    # least recently used key first.
    cache = {}
    evicted = []
    for key in requests:
        cache.pop(key, None)
        cache[key] = True
        if len(cache) > capacity:
            oldest = next(iter(cache))
            del cache[oldest]
            evicted.append(oldest)
    return evicted
