def convert_temperature(value, unit):
    if unit == "C":
        return value * 9 / 5 + 32
    return round((value - 32) * 5 / 9, 1)
