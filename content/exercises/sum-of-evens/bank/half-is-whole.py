def sum_of_evens(nums):
    total = 0
    for n in nums:
        if n / 2 == int(n / 2):
            total += n
    return total
