def sliding_windows(items, size, step):
    """Return the full windows of size consecutive items, starting every step items."""
    pass
