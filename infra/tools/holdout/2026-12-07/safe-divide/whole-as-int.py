def safe_divide(a, b):
    try:
        result = a / b
    except ZeroDivisionError:
        return "division by zero"
    except TypeError:
        return "not a number"
    if result == int(result):
        return int(result)
    return result
