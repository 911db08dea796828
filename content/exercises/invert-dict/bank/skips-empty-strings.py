def invert_dict(d):
    result = {}
    for key, value in d.items():
        if not key or not value:
            continue            # nothing to invert
        if value not in result:
            result[value] = []
        result[value].append(key)
    return {value: sorted(keys) for value, keys in result.items()}
