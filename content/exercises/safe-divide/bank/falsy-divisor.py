def safe_divide(a, b):
    if not b:
        return "division by zero"
    try:
        return a / b
    except TypeError:
        return "not a number"
