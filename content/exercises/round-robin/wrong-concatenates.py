def round_robin(lists):
    result = []
    for values in lists:
        for value in values:
            result.append(value)
    return result
