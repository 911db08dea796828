def no_adjacent_ones(n):
    result = []
    for i in range(2 ** n):
        s = format(i, "0" + str(n) + "b")
        if "11" not in s:
            result.append(s)
    return result
