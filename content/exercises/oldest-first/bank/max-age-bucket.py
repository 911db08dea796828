def oldest_first(people):
    oldest = max(age for name, age in people)
    result = []
    for age in range(oldest, -1, -1):
        for name, a in people:
            if a == age:
                result.append(name)
    return result
