def common_elements(first, second):
    wanted = {str(v) for v in second}
    result = []
    seen = set()
    for value in first:
        if str(value) in wanted and str(value) not in seen:
            seen.add(str(value))
            result.append(value)
    return result
