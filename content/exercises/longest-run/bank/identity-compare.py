def longest_run(items):
    if not items:
        return None
    best_value, best_length = items[0], 1
    length = 1
    for i in range(1, len(items)):
        if items[i] is items[i - 1]:
            length += 1
        else:
            length = 1
        if length > best_length:
            best_value, best_length = items[i], length
    return [best_value, best_length]
