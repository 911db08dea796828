def unique_permutations(items):
    if len(items) == 1:
        return [list(items)]
    result = []
    for first in sorted(set(items)):
        rest = list(items)
        rest.remove(first)
        for perm in unique_permutations(rest):
            result.append([first] + perm)
    return result
