def second_largest(nums):
    largest = second = -1
    for n in nums:
        if n > largest:
            second = largest
            largest = n
        elif largest > n > second:
            second = n
    if second == -1:
        return None
    return second
