from itertools import zip_longest
def transpose(rows):
    return [[x for x in column if x is not None] for column in zip_longest(*rows)]
