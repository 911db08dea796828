def oldest_first(people):
    youngest_first = sorted(people, key=lambda person: person[1])
    return [name for name, age in youngest_first[::-1]]
