def safe_divide(a, b):
    if b == 0:
        return "division by zero"
    return a / b
