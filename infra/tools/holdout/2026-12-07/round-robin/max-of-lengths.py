def round_robin(lists):
    longest = max(len(values) for values in lists)
    result = []
    for i in range(longest):
        for values in lists:
            if i < len(values):
                result.append(values[i])
    return result
