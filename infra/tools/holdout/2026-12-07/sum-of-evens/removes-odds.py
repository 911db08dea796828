def sum_of_evens(nums):
    for n in nums[:]:
        if n % 2 != 0:
            nums.remove(n)
    return sum(nums)
