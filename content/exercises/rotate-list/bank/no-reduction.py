def rotate(items, k):
    if k == 0:
        return items[:]
    return items[-k:] + items[:-k]
