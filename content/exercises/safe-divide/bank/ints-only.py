def safe_divide(a, b):
    if not isinstance(a, int) or not isinstance(b, int):
        return "not a number"
    if b == 0:
        return "division by zero"
    return a / b
