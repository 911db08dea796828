def longest_run(items):
    if not items:
        return None
    best_value, best_length = items[0], 1
    current, length = items[0], 1
    for x in items[1:]:
        if x == current:
            length += 1
        else:
            if length > best_length:
                best_value, best_length = current, length
            current, length = x, 1
    return [best_value, best_length]
