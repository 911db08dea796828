def parse_settings(text):
    settings = {}
    errors = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        if not sep:
            errors.append(f"line {n}: missing '='")
        elif not key:
            errors.append(f"line {n}: missing key")
        else:
            try:
                v = int(value)
            except ValueError:
                errors.append(f"line {n}: not a whole number")
                continue
            if key in settings:
                errors.append(f"line {n}: duplicate key")
            else:
                settings[key] = v
    return {"settings": settings, "errors": errors}
