def evictions(capacity, requests):
    cache = requests[:capacity]        # the first requests fill the cache
    evicted = []
    for key in requests[capacity:]:
        if key in cache:
            cache.remove(key)
        else:
            evicted.append(cache.pop(0))
        cache.append(key)
    return evicted
