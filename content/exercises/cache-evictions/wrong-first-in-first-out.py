def evictions(capacity, requests):
    cache = []
    evicted = []
    for key in requests:
        if key in cache:
            continue                  # already there
        if len(cache) == capacity:
            evicted.append(cache.pop(0))
        cache.append(key)
    return evicted
