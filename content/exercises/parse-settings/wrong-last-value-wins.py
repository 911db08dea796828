def parse_settings(text):
    settings = {}
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep:
            errors.append(f"line {number}: missing '='")
            continue
        if not key:
            errors.append(f"line {number}: missing key")
            continue
        try:
            settings[key] = int(value)
        except ValueError:
            errors.append(f"line {number}: not a whole number")
    return {"settings": settings, "errors": errors}
