def common_elements(first, second):
    result = []
    for value in second:
        if value in first and value not in result:
            result.append(value)
    return result
