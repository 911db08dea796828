def parse_settings(text):
    settings = {}
    errors = []
    seen = set()
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
        if key in seen:
            errors.append("line " + str(number) + ": duplicate key")
            continue
        seen.add(key)
        try:
            settings[key] = int(value)
        except ValueError:
            errors.append("line " + str(number) + ": not a whole number")
    return {"settings": settings, "errors": errors}
