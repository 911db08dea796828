def parse_settings(text):
    settings = {}
    errors = []
    lines = [line.strip() for line in text.split("\n")]
    lines = [line for line in lines if line and not line.startswith("#")]
    for number, line in enumerate(lines, start=1):
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
