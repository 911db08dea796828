def run_pipeline(value, steps):
    for step in steps:
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        name = step[0]
        if name not in ("add", "mul", "pow", "clamp", "neg"):
            return None
        for _ in range(times):
            if name == "add":
                value = value + (step[1] if len(step) > 1 else 1)
            elif name == "mul":
                value = value * (step[1] if len(step) > 1 else 2)
            elif name == "pow":
                value = value ** (step[1] if len(step) > 1 else 2)
            elif name == "neg":
                value = -value
            else:
                if len(step) < 2:
                    step.append(0)         # the missing low and high take their defaults
                if len(step) < 3:
                    step.append(100)
                value = min(max(value, step[1]), step[2])
    return value
