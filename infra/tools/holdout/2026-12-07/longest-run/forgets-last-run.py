def longest_run(items):
    if not items:
        return None
    best = [items[0], 1]
    length = 1
    for i in range(1, len(items)):
        if items[i] == items[i - 1]:
            length += 1
        else:
            if length > best[1]:
                best = [items[i - 1], length]
            length = 1
    return best
