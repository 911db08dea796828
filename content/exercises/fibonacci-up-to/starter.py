def fib_up_to(limit, a=0, b=1):
    """Return the terms a, b, a + b, ... of the sequence, in order, while they are <= limit."""
    pass
