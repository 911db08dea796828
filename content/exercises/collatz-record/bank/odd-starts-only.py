def longest_collatz(limit):
    # An even start is halved at once, so only odd starts can hold the record.
    best_start, best_steps = 1, 0
    for start in range(1, limit + 1, 2):
        n, steps = start, 0
        while n != 1:
            if n % 2 == 0:
                n //= 2
            else:
                n = 3 * n + 1
            steps += 1
        if steps > best_steps:
            best_start, best_steps = start, steps
    return [best_start, best_steps]
