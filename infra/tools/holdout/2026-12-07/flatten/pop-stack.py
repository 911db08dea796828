def flatten(nested):
    result = []
    stack = nested
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        else:
            result.append(item)
    return result
