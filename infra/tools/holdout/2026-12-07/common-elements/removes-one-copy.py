def common_elements(first, second):
    rest = list(second)
    result = []
    for value in first:
        if value in rest:
            result.append(value)
            rest.remove(value)
    return result
