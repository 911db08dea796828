def clamp(value, low=None, high=None):
    """Return value limited to the range low..high; a bound that is None is not applied."""
    pass
