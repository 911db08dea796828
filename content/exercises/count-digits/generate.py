"""Generated hidden tests for count_digits(n): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0]
    yield "negatives", [-rng.randint(1, 9)]
    yield "negatives", [-rng.randint(10**9, 10**17)]
    # Powers of ten and one below: math.log10 and float division round these wrong.
    yield "boundary", [10**rng.randint(1, 17)]
    yield "boundary", [10**rng.randint(1, 17) - 1]
    yield "large-magnitude", [10**18 - 1]
    yield "large-magnitude", [-(10**18 - 1)]
    yield "large-magnitude", [10**15 - 1]
    yield "random", [rng.randint(-10**6, 10**6)]
