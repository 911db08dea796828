def pairs_with_sum(nums, target):
    values = set(nums)
    return sorted([a, target - a] for a in values if target - a in values and a < target - a)
