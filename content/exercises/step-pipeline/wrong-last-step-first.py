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
    # composes the steps like f(g(x)): the last step ends up running first
    for step in reversed(steps):
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        name, *args = step
        if name not in OPERATIONS:
            return None
        for _ in range(times):
            value = OPERATIONS[name](value, *args)
    return value
