def run_pipeline(value, steps):
    def add(x, n=1):
        return x + n

    def mul(x, n=2):
        return x * n

    def power(x, n=2):
        return x ** n

    def clamp(x, low=0, high=None):
        x = max(x, low)
        if high is not None:
            x = min(x, high)
        return x

    def neg(x):
        return -x

    operations = {"add": add, "mul": mul, "pow": power, "clamp": clamp, "neg": neg}
    for step in steps:
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        if step[0] not in operations:
            return None
        for _ in range(times):
            value = operations[step[0]](value, *step[1:])
    return value
