def clamp(value, low=0, high=100):
    if low is not None and value < low:
        return low
    if high is not None and value > high:
        return high
    return value
