def rotate(items, k):
    if not items:
        return []
    if k > len(items):
        k = k % len(items)
    return items[-k:] + items[:-k]
