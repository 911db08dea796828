def pairs_with_sum(nums, target):
    nums.sort()
    pairs = set()
    i, j = 0, len(nums) - 1
    while i < j:
        s = nums[i] + nums[j]
        if s == target:
            pairs.add((nums[i], nums[j]))
            i += 1
            j -= 1
        elif s < target:
            i += 1
        else:
            j -= 1
    return sorted(pairs)
