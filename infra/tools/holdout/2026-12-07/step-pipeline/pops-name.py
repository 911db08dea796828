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
OPS = {"add": add, "mul": mul, "pow": power, "clamp": clamp, "neg": neg}
def run_pipeline(value, steps):
    for step in steps:
        name = step.pop(0)
        if name == "repeat":
            times = step.pop(0)
            inner = step.pop(0)
            name = inner.pop(0)
            if name not in OPS:
                return None
            for _ in range(times):
                value = OPS[name](value, *inner)
        elif name in OPS:
            value = OPS[name](value, *step)
        else:
            return None
    return value
