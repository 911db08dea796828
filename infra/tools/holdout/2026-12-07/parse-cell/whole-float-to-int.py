def parse_cell(text):
    s = text.strip()
    if s.lower() in ("", "null"):
        return None
    if s.lower() == "true":
        return True
    if s.lower() == "false":
        return False
    body = s[1:] if s[:1] in "+-" and s else s
    if body and all(c in "0123456789" for c in body):
        return int(s)
    whole, dot, frac = body.partition(".")
    if dot and whole and frac and all(c in "0123456789" for c in whole + frac):
        value = float(s)
        if value.is_integer():
            return int(value)
        return value
    return s
