def second_largest(nums):
    """Return the second largest distinct value in nums, or None if there is none."""
    pass
