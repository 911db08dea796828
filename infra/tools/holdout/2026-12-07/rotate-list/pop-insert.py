def rotate(items, k):
    if not items:
        return []
    for _ in range(k % len(items)):
        items.insert(0, items.pop())
    return items
