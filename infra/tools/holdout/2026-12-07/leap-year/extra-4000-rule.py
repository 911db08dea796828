def is_leap_year(year):
    if year % 4000 == 0:
        return False
    if year % 400 == 0:
        return True
    if year % 100 == 0:
        return False
    return year % 4 == 0
