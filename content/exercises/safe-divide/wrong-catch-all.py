def safe_divide(a, b):
    try:
        return a / b
    except Exception:
        return "division by zero"
