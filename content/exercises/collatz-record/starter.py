def longest_collatz(limit):
    """Return [start, steps] for the start in 1..limit whose Collatz sequence takes the most steps to reach 1."""
    pass
