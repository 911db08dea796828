def second_largest(nums):
    if len(nums) < 2:
        return None
    return sorted(set(nums))[-2]
