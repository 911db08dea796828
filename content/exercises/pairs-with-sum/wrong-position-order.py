def pairs_with_sum(nums, target):
    return sorted({(a, b)
                   for i, a in enumerate(nums)
                   for b in nums[i + 1:]
                   if a + b == target})
