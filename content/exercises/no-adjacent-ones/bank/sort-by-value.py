def build(n):
    if n == 0:
        return [""]
    if n == 1:
        return ["0", "1"]
    return [s + "0" for s in build(n - 1)] + [s + "01" for s in build(n - 2)]


def no_adjacent_ones(n):
    return sorted(build(n), key=lambda s: int(s, 2))
