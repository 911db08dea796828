from itertools import zip_longest


def transpose(rows):
    return [[value for value in column if value is not None]
            for column in zip_longest(*rows)]
