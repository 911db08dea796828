def round_robin(lists):
    result = []
    for i in range(len(lists[0])):
        for values in lists:
            if i < len(values):
                result.append(values[i])
    return result
