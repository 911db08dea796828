"""Generated hidden tests for min_rooms(meetings): see content/README.md, "Generated hidden tests"."""


def meeting(rng, low, high, longest):
    start = rng.randint(low, high)
    return [start, start + rng.randint(1, longest)]


def cases(rng):
    yield "empty", [[]]
    yield "one-element", [[meeting(rng, -50, 50, 10)]]
    # Back to back: each end is the next start, in shuffled order, so one room is enough.
    cuts = sorted(rng.sample(range(0, 100), 6))
    chain = [[cuts[i], cuts[i + 1]] for i in range(5)]
    rng.shuffle(chain)
    yield "boundary", [chain]
    # Ends and starts at the same minutes, several at once.
    yield "ties", [[[t, t + rng.choice([1, 2])] for t in [0, 0, 1, 1, 2, 2, 3]]]
    yield "duplicates", [[[4, 9]] * rng.randint(2, 5) + [[9, 12], [1, 4]]]
    yield "negatives", [[meeting(rng, -1000, -10, 300) for _ in range(8)]]
    yield "zero", [[[-3, 0], [0, 3], [-1, 1], [0, 1]]]
    # Beyond 2**53, where a float would merge neighbouring minutes.
    yield "large-magnitude", [[[2**58, 2**59], [2**59 - 1, 2**59 + 5], [-2**59, 2**58 + 1], [2**53, 2**53 + 1]]]
    yield "random", [[meeting(rng, 0, 60, 15) for _ in range(12)]]
    yield "worst-case-size", [[meeting(rng, -10**6, 10**6, 10**4) for _ in range(1500)]]
