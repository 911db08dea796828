"""Generated hidden tests for is_leap_year(year): see content/README.md, "Generated hidden tests"."""


def cases(rng):
    yield "one-element", [1]
    # Centuries: divisible by 400 or only by 100, small and large.
    yield "boundary", [rng.choice([1600, 2000, 2400])]
    yield "boundary", [rng.choice([1700, 1800, 1900, 2100])]
    # The Gregorian rule holds from year 1: centuries before 1582 are not leap years either.
    yield "boundary", [rng.choice([300, 500, 700, 1300, 1500])]
    yield "boundary", [4]
    yield "boundary", [100]
    yield "boundary", [400]
    # Beyond 2**53: year / 4 as a float is no longer exact.
    yield "large-magnitude", [10**15]
    yield "large-magnitude", [10**15 - 100]
    yield "large-magnitude", [2**49 * 4 + 2]
    yield "large-magnitude", [999999999999996]
    yield "random", [rng.randint(1, 10**15)]
    yield "random", [rng.randrange(4, 10**12, 4)]
    for _ in range(3):
        yield "random", [rng.randint(1, 3000)]
