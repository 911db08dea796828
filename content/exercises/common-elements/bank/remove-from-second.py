def common_elements(first, second):
    second = list(second)
    result = []
    for value in first:
        if value in second:
            result.append(value)
            second.remove(value)
    return result
