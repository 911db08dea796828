def rotate(items, k):
    k = k % len(items)
    return items[len(items) - k:] + items[:len(items) - k]
