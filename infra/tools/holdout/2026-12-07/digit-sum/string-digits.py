def digit_sum(n):
    s = str(n)
    if len(s) == 1:
        return int(s)
    return int(s[0]) + digit_sum(int(s[1:]))
