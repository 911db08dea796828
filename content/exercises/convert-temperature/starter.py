def convert_temperature(value, unit):
    """Convert value from unit ("C" or "F") to the other scale, rounded to 1 decimal."""
    pass
