def run_pipeline(value, steps):
    for step in steps:
        times = 1
        if step[0] == "repeat":
            times, step = step[1], step[2]
        name = step[0]
        for _ in range(times):
            if name == "add":
                value = value + 1
            elif name == "mul":
                value = value * 2
            elif name == "pow":
                value = value ** 2
            elif name == "clamp":
                value = min(max(value, 0), 100)
            elif name == "neg":
                value = -value
            else:
                return None
    return value
