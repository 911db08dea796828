def running_max(nums):
    best = None
    for x in nums:
        if best is None or x > best:
            best = x
        yield best
