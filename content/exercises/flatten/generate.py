"""Generated hidden tests for flatten(nested): see content/README.md, "Generated hidden tests"."""


def nest(rng, depth, budget):
    out = []
    for _ in range(rng.randint(0, 3)):
        if depth > 0 and rng.random() < 0.5:
            out.append(nest(rng, depth - 1, budget))
        else:
            out.append(rng.choice([rng.randint(-9, 9), "s", None, True, 2.5, {"k": [1]}]))
    return out


def cases(rng):
    yield "empty", [[[], [[]], [[], [[]]]]]
    yield "one-element", [[[[[rng.randint(-9, 9)]]]]]
    # Values that look like lists but are not: strings and dicts stay whole.
    yield "boundary", [["ab", ["cd", {"x": [1, 2]}], [[""]], "[1]"]]
    yield "boundary", [[[1, [2, [3]]], 4, [[5]]]]
    deep = [rng.randint(0, 9)]
    for i in range(49):
        deep = [i, deep, -i]
    yield "worst-case-size", [deep]
    yield "duplicates", [[[1, 1], [1, [1]], 1]]
    yield "random", [nest(rng, 5, 30)]
    yield "random", [nest(rng, 8, 30)]
    yield "worst-case-size", [[[rng.randint(-99, 99) for _ in range(10)] for _ in range(200)]]
