def round_robin(lists):
    result = []
    while any(lists):
        for values in lists:
            if values:
                result.append(values.pop(0))
    return result
