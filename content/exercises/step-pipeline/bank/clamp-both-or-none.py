def add(x, n=1):
    return x + n


def mul(x, n=2):
    return x * n


def power(x, n=2):
    return x ** n


def clamp(x, *bounds):
    if len(bounds) == 2:
        low, high = bounds
    else:
        low, high = 0, 100
    return min(max(x, low), high)


def neg(x):
    return -x


OPERATIONS = {"add": add, "mul": mul, "pow": power, "clamp": clamp, "neg": neg}


def run_pipeline(value, steps):
    for step in steps:
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        name, *args = step
        if name not in OPERATIONS:
            return None
        for _ in range(times):
            value = OPERATIONS[name](value, *args)
    return value
