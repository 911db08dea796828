def unique_permutations(items):
    if not items:
        return [[]]
    result = []
    seen = set()
    for i, first in enumerate(items):
        if first in seen:
            continue
        seen.add(first)
        for rest in unique_permutations(items[:i] + items[i + 1:]):
            result.append([first] + rest)
    return result
