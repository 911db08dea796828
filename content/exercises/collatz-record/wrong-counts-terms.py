def longest_collatz(limit):
    best_start, best_length = 1, 1
    for start in range(1, limit + 1):
        n = start
        length = 1
        while n != 1:
            if n % 2 == 0:
                n = n // 2
            else:
                n = 3 * n + 1
            length += 1
        if length > best_length:
            best_start, best_length = start, length
    return [best_start, best_length]
