def convert_temperature(value, unit):
    if unit == "C":
        result = value * 9 / 5 + 32
    else:
        result = (value - 32) * 5 / 9
    return int(result * 10) / 10
