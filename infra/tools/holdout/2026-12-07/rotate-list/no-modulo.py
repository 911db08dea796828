def rotate(items, k):
    return items[-k:] + items[:-k]
