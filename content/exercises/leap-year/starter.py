def is_leap_year(year):
    """Return True if year is a leap year in the Gregorian calendar, else False."""
    pass
