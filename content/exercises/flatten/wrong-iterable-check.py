def flatten(nested):
    result = []
    for item in nested:
        try:
            iter(item)
        except TypeError:
            result.append(item)
        else:
            result.extend(flatten(item))
    return result
