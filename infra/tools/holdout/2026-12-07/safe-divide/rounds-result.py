def safe_divide(a, b):
    try:
        return round(a / b, 2)
    except ZeroDivisionError:
        return "division by zero"
    except TypeError:
        return "not a number"
