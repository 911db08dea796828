def sum_of_evens(nums):
    return sum(nums[::2])
