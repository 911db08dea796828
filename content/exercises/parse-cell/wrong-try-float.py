def parse_cell(text):
    s = text.strip()
    word = s.lower()
    if word in ("", "null"):
        return None
    if word == "true":
        return True
    if word == "false":
        return False
    try:
        return int(s)
    except ValueError:
        pass
    try:
        return float(s)
    except ValueError:
        return s
