def decode_runs(code):
    """Decode a run-length code such as "3a2b" into "aaabb"; None if the code is invalid."""
    pass
