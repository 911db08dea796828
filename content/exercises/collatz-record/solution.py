def collatz_steps(n):
    steps = 0
    while n != 1:
        half, odd = divmod(n, 2)
        if odd:
            n = 3 * n + 1
        else:
            n = half
        steps += 1
    return steps


def longest_collatz(limit):
    best = max(range(1, limit + 1), key=collatz_steps)
    return [best, collatz_steps(best)]
