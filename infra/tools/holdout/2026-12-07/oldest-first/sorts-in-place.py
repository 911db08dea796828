def oldest_first(people):
    people.sort(key=lambda p: p[1], reverse=True)
    return [p[0] for p in people]
