def evictions(capacity, requests):
    cache = [requests[0]]             # the first request always goes in
    evicted = []
    for key in requests[1:]:
        if key in cache:
            cache.remove(key)
        elif len(cache) == capacity:
            evicted.append(cache.pop(0))
        cache.append(key)
    return evicted
