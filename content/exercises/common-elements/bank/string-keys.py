def common_elements(first, second):
    wanted = {str(value) for value in second}
    seen = set()
    result = []
    for value in first:
        key = str(value)
        if key in wanted and key not in seen:
            seen.add(key)
            result.append(value)
    return result
