def evictions(capacity, requests):
    cache = []
    evicted = []
    for key in requests:
        if key in cache:
            if cache[0] == key:             # the oldest key was used: it is not the oldest any more
                cache.append(cache.pop(0))
        else:
            if len(cache) == capacity:
                evicted.append(cache.pop(0))
            cache.append(key)
    return evicted
