def unique_permutations(items):
    if len(items) == 1:
        return [items]
    values = sorted(items)
    result = []
    for i, first in enumerate(values):
        if i > 0 and first == values[i - 1]:
            continue
        for rest in unique_permutations(values[:i] + values[i + 1:]):
            result.append([first] + rest)
    return result
