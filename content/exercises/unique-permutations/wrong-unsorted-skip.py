def unique_permutations(items):
    if not items:
        return [[]]
    result = []
    for i in range(len(items)):
        if i > 0 and items[i] == items[i - 1]:
            continue
        for rest in unique_permutations(items[:i] + items[i + 1:]):
            result.append([items[i]] + rest)
    return result
