def apply(x, name, args):
    if name == "add":
        return x + (args[0] if args else 1)
    if name == "mul":
        return x * (args[0] if args else 2)
    if name == "pow":
        n = args[0] if args else 2
        result = 1
        for _ in range(n):
            result = result * x
        return result
    if name == "clamp":
        low = args[0] if len(args) > 0 else 0
        high = args[1] if len(args) > 1 else 100
        return min(max(x, low), high)
    return -x


def run_pipeline(value, steps):
    for step in steps:
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        if step[0] not in ("add", "mul", "pow", "clamp", "neg"):
            return None
        for _ in range(times):
            value = apply(value, step[0], step[1:])
    return value
