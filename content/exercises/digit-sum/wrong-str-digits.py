def digit_sum(n):
    return sum(int(ch) for ch in str(n))
