def parse_settings(text):
    settings = {}
    errors = []
    for number, line in enumerate(text.split("\n")):
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
            number_value = int(value)
        except ValueError:
            errors.append(f"line {number}: not a whole number")
            continue
        if key in settings:
            errors.append(f"line {number}: duplicate key")
        else:
            settings[key] = number_value
    return {"settings": settings, "errors": errors}
