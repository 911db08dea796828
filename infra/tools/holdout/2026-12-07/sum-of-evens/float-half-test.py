def sum_of_evens(nums):
    total = 0
    for n in nums:
        if int(n / 2) * 2 == n:
            total += n
    return total
