def parse_cell(text):
    s = text.strip()
    if s.lower() in ("", "null"):
        return None
    if s.lower() in ("true", "false"):
        return s.lower() == "true"
    body = s[1:] if s[:1] in ("+", "-") else s
    if body and all(c in "0123456789" for c in body):
        return int(s)
    plain = body.replace(".", "", 1)
    if "." in body and plain and all(c in "0123456789" for c in plain):
        return float(s)
    return s
