"""Generated hidden tests for fib_up_to(limit, a=0, b=1): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "negatives", [-rng.randint(1, 10**18)]
    yield "negatives", [-1, 0, 1]
    yield "zero", [0]
    yield "zero", [0, 0, 1]
    yield "one-element", [rng.randint(1, 5), rng.randint(1, 5), 10]
    # A limit that is exactly a term, and one just below it.
    yield "boundary", [832040]
    yield "boundary", [832039]
    yield "large-magnitude", [10**18]
    yield "large-magnitude", [10**18, 10**17, 10**17 + 1]
    yield "duplicates", [rng.randint(5, 50), 1, 1]
    yield "random", [rng.randint(10, 10**6), rng.randint(0, 20), rng.randint(1, 20)]
