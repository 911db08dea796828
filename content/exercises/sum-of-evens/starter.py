def sum_of_evens(nums):
    """Return the sum of the even integers in nums."""
    pass
