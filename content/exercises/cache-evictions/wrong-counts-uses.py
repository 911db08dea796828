def evictions(capacity, requests):
    # evicts the key used the fewest times (least FREQUENTLY used), the oldest on a tie
    cache = []
    uses = {}
    evicted = []
    for key in requests:
        uses[key] = uses.get(key, 0) + 1
        if key in cache:
            continue
        if len(cache) == capacity:
            victim = min(cache, key=lambda k: uses[k])
            cache.remove(victim)
            evicted.append(victim)
        cache.append(key)
    return evicted
