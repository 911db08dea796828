def longest_run(items):
    if not items:
        return None
    items.append(None)
    best_value, best_length = items[0], 0
    start = 0
    for i in range(1, len(items)):
        if items[i] != items[i - 1]:
            if i - start > best_length:
                best_value, best_length = items[i - 1], i - start
            start = i
    return [best_value, best_length]
