def no_adjacent_ones(n):
    result = []

    def build(s):
        if len(s) == n:
            result.append(s)
            return
        for ch in "01":
            if s == "" or s[-1] != ch:
                build(s + ch)

    build("")
    return result
