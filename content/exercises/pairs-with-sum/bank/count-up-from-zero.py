def pairs_with_sum(nums, target):
    result = []
    for a in range(target // 2 + 1):
        b = target - a
        if a == b:
            if nums.count(a) >= 2:
                result.append([a, b])
        elif a in nums and b in nums:
            result.append([a, b])
    return result
