def evictions(capacity, requests):
    cache = []
    evicted = []
    for key in requests:
        if key in cache:
            cache.remove(key)
        elif len(cache) >= capacity - 1 and cache:
            evicted.append(cache.pop(0))
        cache.append(key)
    return evicted
