def invert_dict(d):
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    for value in result:
        result[value].sort(key=str.lower)
    return result
