def second_largest(nums):
    if len(set(nums)) < 2:
        return None
    largest = max(nums[0], nums[1])
    second = min(nums[0], nums[1])
    for n in nums[2:]:
        if n > largest:
            second = largest
            largest = n
        elif n > second:
            second = n
    return second
