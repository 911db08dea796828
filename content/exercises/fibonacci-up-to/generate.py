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
    # A first term above the limit ends the sequence at once, even when the next term is below it.
    yield "boundary", [3, 5, 1]
    yield "boundary", [0, rng.randint(1, 9), 1]
    yield "boundary", [rng.randint(10, 99), 100, rng.randint(1, 9)]
    yield "random", [rng.randint(10, 10**6), rng.randint(0, 20), rng.randint(1, 20)]
