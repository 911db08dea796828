def clamp(value, low=None, high=None):
    if low:
        value = max(value, low)
    if high:
        value = min(value, high)
    return value
