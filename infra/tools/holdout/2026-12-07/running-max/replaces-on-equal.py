def running_max(nums):
    def maxima():
        best = None
        for x in nums:
            if best is None or x >= best:
                best = x
            yield best
    return list(maxima())
