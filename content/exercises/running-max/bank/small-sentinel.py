def running_max(nums):
    def maxima():
        best = -10**9
        for x in nums:
            if x > best:
                best = x
            yield best
    return list(maxima())
