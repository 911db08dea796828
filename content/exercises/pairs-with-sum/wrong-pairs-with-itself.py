def pairs_with_sum(nums, target):
    return sorted({(min(a, b), max(a, b)) for a in nums for b in nums if a + b == target})
