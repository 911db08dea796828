def unique_permutations(items):
    items.sort()
    if len(items) <= 1:
        return [list(items)]
    result = []
    for i, first in enumerate(items):
        if i > 0 and items[i - 1] == first:
            continue
        rest = items[:i] + items[i + 1:]
        for perm in unique_permutations(rest):
            result.append([first] + perm)
    return result
