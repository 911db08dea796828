def running_max(nums):
    def maxima():
        best = nums[0]
        for x in nums:
            if x > best:
                best = x
            yield best
    return list(maxima())
