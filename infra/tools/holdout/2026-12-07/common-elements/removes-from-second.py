def common_elements(first, second):
    result = []
    for value in first:
        if value in second:
            result.append(value)
            while value in second:
                second.remove(value)
    return result
