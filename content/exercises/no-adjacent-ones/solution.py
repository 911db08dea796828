def no_adjacent_ones(n):
    if not n:
        return [""]
    shorter = no_adjacent_ones(n - 1)
    return ["0" + s for s in shorter] + ["1" + s for s in shorter if not s.startswith("1")]
