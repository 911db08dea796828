"""Generated hidden tests for no_adjacent_ones(n): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "zero", [0]
    yield "one-element", [1]
    for n in range(2, 13):
        yield "random", [n]
    # The largest n allows 2584 strings; its expected value alone is about 46 KiB.
    yield "worst-case-size", [16]
