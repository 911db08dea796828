def pairs_with_sum(nums, target):
    pairs = set()
    for a in nums:
        b = target - a
        if b not in nums:
            continue
        if a != b or nums.count(a) == 2:
            pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)
