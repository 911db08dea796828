def clamp(value, low=None, high=None):
    if low is None or high is None:
        return value
    if value < low:
        return low
    if value > high:
        return high
    return value
