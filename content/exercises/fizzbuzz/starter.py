def fizzbuzz(n):
    """Return the FizzBuzz strings for 1..n as a list."""
    pass
