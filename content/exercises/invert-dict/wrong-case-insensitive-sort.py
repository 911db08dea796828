def invert_dict(d):
    inverted = {}
    for key, value in d.items():
        inverted.setdefault(value, []).append(key)
    return {value: sorted(keys, key=str.lower) for value, keys in inverted.items()}
