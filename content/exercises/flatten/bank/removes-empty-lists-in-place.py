def flatten(nested):
    while [] in nested:
        nested.remove([])          # an empty list holds no values: drop it first
    result = []
    for item in nested:
        if isinstance(item, list):
            result += flatten(item)
        else:
            result.append(item)
    return result
