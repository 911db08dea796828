def longest_collatz(limit):
    best_start, best_steps = 0, 0
    for start in range(1, limit + 1):
        n, steps = start, 0
        while n > 1:
            if n % 2:
                n = 3 * n + 1
            else:
                n //= 2
            steps += 1
        if steps > best_steps:
            best_start, best_steps = start, steps
    return [best_start, best_steps]
