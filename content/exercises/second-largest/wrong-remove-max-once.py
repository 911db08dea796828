def second_largest(nums):
    if len(set(nums)) < 2:
        return None
    rest = list(nums)
    rest.remove(max(rest))
    return max(rest)
