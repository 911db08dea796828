def second_largest(nums):
    largest = 0
    second = 0
    for n in nums:
        if n > largest:
            second = largest
            largest = n
        elif largest > n > second:
            second = n
    if second == 0 and len(set(nums)) < 2:
        return None
    return second
