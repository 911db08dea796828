def evictions(capacity, requests):
    cache = []
    evicted = []
    for key in requests:
        if key in cache:
            cache.remove(key)
        elif len(cache) == capacity:
            evicted.append(cache.pop())
        cache.append(key)
    return evicted
