def safe_divide(a, b):
    try:
        if a % b == 0:
            return a // b
        return a / b
    except ZeroDivisionError:
        return "division by zero"
    except TypeError:
        return "not a number"
