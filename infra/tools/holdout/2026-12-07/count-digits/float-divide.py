def count_digits(n):
    count = 1
    n = int(n / 10)
    while n != 0:
        n = int(n / 10)
        count += 1
    return count
