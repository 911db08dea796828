def second_largest(nums):
    if not nums:
        return None
    top = max(nums)
    while top in nums:
        nums.remove(top)
    if not nums:
        return None
    return max(nums)
