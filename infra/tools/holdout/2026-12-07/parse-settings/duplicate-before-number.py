def parse_settings(text):
    settings = {}
    errors = []
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if line == "" or line[0] == "#":
            continue
        if "=" not in line:
            errors.append(f"line {n}: missing '='")
            continue
        key, value = line.split("=", 1)
        key = key.strip()
        if not key:
            errors.append(f"line {n}: missing key")
        elif key in settings:
            errors.append(f"line {n}: duplicate key")
        else:
            try:
                settings[key] = int(value)
            except ValueError:
                errors.append(f"line {n}: not a whole number")
    return {"settings": settings, "errors": errors}
