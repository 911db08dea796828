def parse_settings(text):
    settings = {}
    errors = []
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            errors.append(f"line {n}: missing '='")
            continue
        parts = line.split("=")
        key, value = parts[0].strip(), parts[-1]
        if not key:
            errors.append(f"line {n}: missing key")
            continue
        try:
            number = int(value)
        except ValueError:
            errors.append(f"line {n}: not a whole number")
            continue
        if key in settings:
            errors.append(f"line {n}: duplicate key")
        else:
            settings[key] = number
    return {"settings": settings, "errors": errors}
