def run_pipeline(value, steps):
    """Apply the named steps to value, from first to last, and return the result (None for an unknown step)."""
    pass
