def safe_divide(a, b):
    try:
        return a // b
    except ZeroDivisionError:
        return "division by zero"
    except TypeError:
        return "not a number"
