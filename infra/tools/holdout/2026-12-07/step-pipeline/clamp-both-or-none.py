def run_pipeline(value, steps):
    def apply(x, step):
        name, args = step[0], step[1:]
        if name == "add":
            return x + (args[0] if args else 1)
        if name == "mul":
            return x * (args[0] if args else 2)
        if name == "pow":
            return x ** (args[0] if args else 2)
        if name == "clamp":
            low, high = args or (0, 100)
            return min(max(x, low), high)
        if name == "neg":
            return -x
        raise KeyError(name)
    known = {"add", "mul", "pow", "clamp", "neg"}
    for step in steps:
        inner = step[2] if step[0] == "repeat" else step
        if inner[0] not in known:
            return None
    for step in steps:
        if step[0] == "repeat":
            for _ in range(step[1]):
                value = apply(value, step[2])
        else:
            value = apply(value, step)
    return value
