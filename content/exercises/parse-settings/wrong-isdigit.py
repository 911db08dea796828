def parse_settings(text):
    settings = {}
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key = key.strip()
        value = value.strip()
        if not sep:
            errors.append(f"line {number}: missing '='")
        elif not key:
            errors.append(f"line {number}: missing key")
        elif not value.isdigit():
            errors.append(f"line {number}: not a whole number")
        elif key in settings:
            errors.append(f"line {number}: duplicate key")
        else:
            settings[key] = int(value)
    return {"settings": settings, "errors": errors}
