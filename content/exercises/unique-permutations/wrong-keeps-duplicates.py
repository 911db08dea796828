from itertools import permutations


def unique_permutations(items):
    return [list(p) for p in permutations(sorted(items))]
