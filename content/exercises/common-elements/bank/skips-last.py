def common_elements(first, second):
    wanted = set(second)
    result = []
    for i in range(len(first) - 1):
        value = first[i]
        if value in wanted and value not in result:
            result.append(value)
    return result
