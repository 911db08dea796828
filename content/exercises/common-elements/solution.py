def common_elements(first, second):
    wanted = set(second)
    seen = set()
    result = []
    for value in first:
        if value in wanted and value not in seen:
            seen.add(value)
            result.append(value)
    return result
