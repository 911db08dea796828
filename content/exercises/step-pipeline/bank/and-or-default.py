def apply(x, step):
    name = step[0]
    if name == "add":
        n = len(step) > 1 and step[1] or 1
        return x + n
    if name == "mul":
        n = len(step) > 1 and step[1] or 2
        return x * n
    if name == "pow":
        n = len(step) > 1 and step[1] or 2
        return x ** n
    if name == "clamp":
        low = len(step) > 1 and step[1] or 0
        high = len(step) > 2 and step[2] or 100
        return min(max(x, low), high)
    if name == "neg":
        return -x


NAMES = ["add", "mul", "pow", "clamp", "neg"]


def run_pipeline(value, steps):
    for step in steps:
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        if step[0] not in NAMES:
            return None
        for _ in range(times):
            value = apply(value, step)
    return value
