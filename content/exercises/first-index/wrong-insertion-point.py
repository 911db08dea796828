from bisect import bisect_left


def first_index(items, target):
    i = bisect_left(items, target)
    if i == len(items):
        return -1
    return i
