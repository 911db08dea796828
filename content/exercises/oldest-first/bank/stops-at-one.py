def oldest_first(people):
    result = []
    for age in range(150, 0, -1):
        for name, a in people:
            if a == age:
                result.append(name)
    return result
