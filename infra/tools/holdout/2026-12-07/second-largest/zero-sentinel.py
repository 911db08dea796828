def second_largest(nums):
    first = second = 0
    for n in nums:
        if n > first:
            first, second = n, first
        elif first > n > second:
            second = n
    if second == 0:
        return None
    return second
