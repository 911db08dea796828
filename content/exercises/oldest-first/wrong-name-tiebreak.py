def oldest_first(people):
    return [name for name, age in sorted(people, key=lambda person: (-person[1], person[0]))]
