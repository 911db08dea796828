def no_adjacent_ones(n):
    if n <= 0:
        return []
    if n == 1:
        return ["0", "1"]
    if n == 2:
        return ["00", "01", "10"]
    return ["0" + s for s in no_adjacent_ones(n - 1)] + ["10" + s for s in no_adjacent_ones(n - 2)]
