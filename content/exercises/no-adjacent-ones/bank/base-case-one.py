def no_adjacent_ones(n):
    if n == 1:
        return ["0", "1"]
    shorter = no_adjacent_ones(n - 1)
    return ["0" + s for s in shorter] + ["1" + s for s in shorter if not s.startswith("1")]
