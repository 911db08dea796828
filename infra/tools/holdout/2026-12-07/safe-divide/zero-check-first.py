def safe_divide(a, b):
    if b == 0:
        return "division by zero"
    try:
        return a / b
    except TypeError:
        return "not a number"
