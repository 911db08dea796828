def add(x, n=1):
    return x + n


def mul(x, n=2):
    return x * n


def power(x, n=2):
    return x ** n


def clamp(x, low=0, high=100):
    return min(max(x, low), high)


def neg(x):
    return -x


OPERATIONS = {"add": add, "mul": mul, "pow": power, "clamp": clamp, "neg": neg}


def run_pipeline(value, steps):
    result = None
    for step in steps:
        if result is None:
            result = value
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        name, *args = step
        if name not in OPERATIONS:
            return None
        for _ in range(times):
            result = OPERATIONS[name](result, *args)
    return result
