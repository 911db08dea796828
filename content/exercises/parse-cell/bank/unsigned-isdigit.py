def parse_cell(text):
    s = text.strip()
    if s.lower() in ("", "null"):
        return None
    if s.lower() == "true":
        return True
    if s.lower() == "false":
        return False
    if s.isdigit():
        return int(s)
    if s.count(".") == 1:
        whole, fraction = s.split(".")
        if whole.isdigit() and fraction.isdigit():
            return float(s)
    return s
