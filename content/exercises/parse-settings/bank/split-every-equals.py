def parse_settings(text):
    settings = {}
    errors = []
    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            errors.append("line " + str(number) + ": missing '='")
            continue
        parts = line.split("=")
        key, value = parts[0], parts[1]
        key = key.strip()
        if not key:
            errors.append("line " + str(number) + ": missing key")
            continue
        try:
            n = int(value)
        except ValueError:
            errors.append("line " + str(number) + ": not a whole number")
            continue
        if key in settings:
            errors.append("line " + str(number) + ": duplicate key")
            continue
        settings[key] = n
    return {"settings": settings, "errors": errors}
