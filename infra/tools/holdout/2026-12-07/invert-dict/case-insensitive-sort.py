def invert_dict(d):
    result = {}
    for key, value in d.items():
        result.setdefault(value, []).append(key)
    return {v: sorted(keys, key=str.lower) for v, keys in result.items()}
