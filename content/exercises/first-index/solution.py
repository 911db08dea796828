def first_index(items, target):
    lo, hi = 0, len(items)
    while lo < hi:
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        else:
            hi = mid
    # lo is where target would be inserted; the slice is empty when lo == len(items).
    if items[lo:lo + 1] == [target]:
        return lo
    return -1
