from itertools import zip_longest


def round_robin(lists):
    return [value for group in zip_longest(*lists) for value in group if value is not None]
