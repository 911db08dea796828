def longest_run(items):
    if not items:
        return None
    best_value, best_count = items[0], 0
    for value in items:
        count = items.count(value)
        if count > best_count:
            best_value, best_count = value, count
    return [best_value, best_count]
