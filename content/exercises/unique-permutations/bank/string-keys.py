def all_orderings(items):
    if not items:
        return [[]]
    result = []
    for i in range(len(items)):
        for perm in all_orderings(items[:i] + items[i + 1:]):
            result.append([items[i]] + perm)
    return result


def unique_permutations(items):
    unique = {}
    for perm in all_orderings(list(items)):
        unique[str(perm)] = perm
    return [unique[key] for key in sorted(unique)]
