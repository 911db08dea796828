def clamp(value, low=None, high=None):
    if low is None:
        low = -10**9
    if high is None:
        high = 10**9
    if value < low:
        return low
    if value > high:
        return high
    return value
