def invert_dict(d):
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    for value in result:
        result[value].sort(key=lambda k: (len(k), k))     # so "9" comes before "10"
    return result
