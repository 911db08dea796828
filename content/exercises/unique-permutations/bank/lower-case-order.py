def sort_key(value):
    if isinstance(value, str):
        return value.lower()
    return value


def unique_permutations(items):
    if not items:
        return [[]]
    distinct = []
    for item in items:
        if item not in distinct:
            distinct.append(item)
    result = []
    for first in sorted(distinct, key=sort_key):
        rest = list(items)
        rest.remove(first)
        for perm in unique_permutations(rest):
            result.append([first] + perm)
    return result
