"""Generated hidden tests for run_pipeline(value, steps): see content/README.md, "Generated hidden tests"."""


def step(rng):
    # No pow: chained at random it overflows a float or raises 0.0 to a negative power, which the statement rules out.
    name = rng.choice(["add", "mul", "clamp", "neg"])
    if name == "add":
        return ["add"] + ([rng.randint(-5, 5)] if rng.random() < 0.7 else [])
    if name == "mul":
        return ["mul"] + ([rng.choice([-1, 2, 3, 0.5])] if rng.random() < 0.7 else [])
    if name == "clamp":
        low = rng.randint(-50, 50)
        return rng.choice([["clamp"], ["clamp", low], ["clamp", low, low + rng.randint(0, 100)]])
    return ["neg"]


def cases(rng):
    yield "empty", [rng.randint(-9, 9), []]
    yield "zero", [0, [["pow", 0], ["repeat", 0, ["mul", 10]], ["add", 0]]]
    yield "negatives", [-rng.randint(1, 9), [["pow", -1], ["neg"], ["clamp", -1, 1]]]
    # An unknown name inside a repeat that runs 0 times still makes the pipeline invalid, wherever it is.
    yield "validation", [1, [["add"], ["repeat", 0, ["half"]]]]
    yield "validation", [1, [["mul"]] * 3 + [["Add"]]]
    yield "boundary", [2, [["repeat", 3, ["pow"]], ["clamp", 0, 300]]]
    # Arguments of 0 are arguments, not "use the default"; a clamp with only its low bound keeps high = 100.
    yield "zero", [7, [["add", 0], ["mul", 1], ["pow", 1], ["clamp", -10], ["mul", 0], ["add", -3], ["clamp", -2]]]
    yield "boundary", [500, [["clamp", -10]]]
    yield "large-magnitude", [3, [["repeat", 6, ["pow", 3]]]]
    yield "float-near-equality", [0.1, [["add", 0.2], ["mul", 10], ["clamp", 0, 3]]]
    yield "random", [rng.randint(-10, 10), [step(rng) for _ in range(8)]]
    yield "worst-case-size", [1, [rng.choice([step(rng), ["repeat", rng.randint(0, 3), step(rng)]]) for _ in range(1000)]]
