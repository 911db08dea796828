def sum_of_evens(nums):
    total = nums[0] if nums[0] % 2 == 0 else 0
    for n in nums[1:]:
        if n % 2 == 0:
            total += n
    return total
