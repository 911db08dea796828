def running_max(nums):
    for i in range(1, len(nums)):
        if nums[i - 1] > nums[i]:
            nums[i] = nums[i - 1]
    return list(nums)
