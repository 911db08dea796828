def no_adjacent_ones(n):
    if n == 0:
        return [""]
    if n == 1:
        return ["0", "1"]
    return [s + "0" for s in no_adjacent_ones(n - 1)] + [s + "01" for s in no_adjacent_ones(n - 2)]
