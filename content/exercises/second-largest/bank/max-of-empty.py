def second_largest(nums):
    top = max(nums)
    rest = [n for n in nums if n != top]
    if not rest:
        return None
    return max(rest)
