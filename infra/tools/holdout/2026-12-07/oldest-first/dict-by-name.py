def oldest_first(people):
    ages = {name: age for name, age in people}
    return sorted(ages, key=lambda name: ages[name], reverse=True)
