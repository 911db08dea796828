def parse_settings(text):
    """Parse key=value lines into {"settings": {key: int}, "errors": [messages]}."""
    return {"settings": {}, "errors": []}
