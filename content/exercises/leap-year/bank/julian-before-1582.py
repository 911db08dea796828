def is_leap_year(year):
    if year < 1582:
        return year % 4 == 0        # the Gregorian calendar only began in 1582
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
