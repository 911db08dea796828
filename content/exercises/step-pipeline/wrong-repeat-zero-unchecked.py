def apply_step(value, name, args):
    if name == "add":
        return value + (args[0] if args else 1)
    if name == "mul":
        return value * (args[0] if args else 2)
    if name == "pow":
        return value ** (args[0] if args else 2)
    if name == "clamp":
        low = args[0] if len(args) > 0 else 0
        high = args[1] if len(args) > 1 else 100
        return min(max(value, low), high)
    if name == "neg":
        return -value
    return None


def run_pipeline(value, steps):
    for step in steps:
        if step[0] == "repeat":
            inner = step[2]
            for _ in range(step[1]):
                value = apply_step(value, inner[0], inner[1:])
                if value is None:
                    return None
        else:
            value = apply_step(value, step[0], step[1:])
            if value is None:
                return None
    return value
