def rotate(items, k):
    if not items:
        return []
    k = abs(k) % len(items)
    return items[-k:] + items[:-k]
