def longest_run(items):
    best_value, best_length = None, 0
    prev, length = None, 0
    for x in items:
        if length and x == prev:
            length += 1
        else:
            length = 1
        prev = x
        if length > best_length:
            best_value, best_length = x, length
    return [best_value, best_length]
