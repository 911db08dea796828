def clamp(value, low=None, high=None):
    if low is not None:
        value = max(value, low)
    if high is not None:
        value = min(value, high)
    return value
