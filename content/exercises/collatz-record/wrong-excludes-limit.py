def longest_collatz(limit):
    best_start, best_steps = 1, 0
    for start in range(1, limit):
        n = start
        steps = 0
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            steps += 1
        if steps > best_steps:
            best_start, best_steps = start, steps
    return [best_start, best_steps]
