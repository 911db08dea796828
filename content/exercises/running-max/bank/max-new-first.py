def running_max(nums):
    def maxima():
        if not nums:
            return
        best = nums[0]
        for x in nums:
            best = max(x, best)
            yield best
    return list(maxima())
