def flatten(nested):
    result = []
    for item in nested:
        if isinstance(item, (list, tuple, dict)):
            result.extend(flatten(list(item)))
        else:
            result.append(item)
    return result
