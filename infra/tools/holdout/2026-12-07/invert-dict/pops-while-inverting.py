def invert_dict(d):
    result = {}
    for key in sorted(d):
        value = d.pop(key)
        result.setdefault(value, []).append(key)
    return result
