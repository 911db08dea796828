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
        key, value = line.split("=", 1)
        key = key.strip()
        if not key:
            errors.append("line " + str(number) + ": missing key")
            continue
        if key in settings:
            errors.append("line " + str(number) + ": duplicate key")
            continue
        try:
            settings[key] = int(value)
        except ValueError:
            errors.append("line " + str(number) + ": not a whole number")
    return {"settings": settings, "errors": errors}
