def oldest_first(people):
    ages = dict(people)
    return sorted(ages, key=lambda name: ages[name], reverse=True)
