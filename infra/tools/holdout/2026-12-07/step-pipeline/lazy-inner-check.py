def run_pipeline(value, steps):
    ops = {
        "add": lambda x, n=1: x + n,
        "mul": lambda x, n=2: x * n,
        "pow": lambda x, n=2: x ** n,
        "clamp": lambda x, low=0, high=100: min(max(x, low), high),
        "neg": lambda x: -x,
    }
    for step in steps:
        if step[0] == "repeat":
            inner = step[2]
            for _ in range(step[1]):
                if inner[0] not in ops:
                    return None
                value = ops[inner[0]](value, *inner[1:])
        elif step[0] in ops:
            value = ops[step[0]](value, *step[1:])
        else:
            return None
    return value
