from itertools import zip_longest
def round_robin(lists):
    result = []
    for group in zip_longest(*lists):
        for value in group:
            if value is not None:
                result.append(value)
    return result
