def longest_run(items):
    best_value, best_length = None, 0
    length = 0
    previous = None
    for item in items:
        if item == previous:
            length += 1
        else:
            length = 1
        previous = item
        if length > best_length:
            best_value, best_length = item, length
    return [best_value, best_length]
