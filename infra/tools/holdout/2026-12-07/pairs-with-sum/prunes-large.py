def pairs_with_sum(nums, target):
    result = set()
    for i, a in enumerate(nums):
        if a > target:
            continue
        for b in nums[i + 1:]:
            if a + b == target:
                result.add((min(a, b), max(a, b)))
    return sorted(result)
