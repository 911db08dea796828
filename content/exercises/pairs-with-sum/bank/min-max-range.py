def pairs_with_sum(nums, target):
    result = []
    for a in range(min(nums), max(nums) + 1):
        b = target - a
        if a > b:
            break
        if a == b:
            if nums.count(a) >= 2:
                result.append([a, b])
        elif a in nums and b in nums:
            result.append([a, b])
    return result
