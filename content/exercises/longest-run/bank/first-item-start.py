def longest_run(items):
    best = [items[0], 1]
    length = 1
    for i in range(1, len(items)):
        if items[i] == items[i - 1]:
            length += 1
        else:
            length = 1
        if length > best[1]:
            best = [items[i], length]
    return best
