def oldest_first(people):
    remaining = list(people)
    result = []
    while remaining:
        best = None
        best_age = 0
        for person in remaining:
            if person[1] > best_age:
                best = person
                best_age = person[1]
        result.append(best[0])
        remaining.remove(best)
    return result
