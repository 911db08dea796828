def pairs_with_sum(nums, target):
    """Return the sorted distinct pairs [a, b] (a <= b) of values in nums with a + b == target."""
    pass
