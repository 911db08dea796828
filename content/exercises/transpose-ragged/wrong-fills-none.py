from itertools import zip_longest


def transpose(rows):
    return [list(column) for column in zip_longest(*rows)]
