def running_max(nums):
    """Return a list whose element i is max(nums[:i + 1])."""
    pass
