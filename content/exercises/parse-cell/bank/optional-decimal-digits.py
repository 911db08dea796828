import re

def parse_cell(text):
    s = text.strip()
    if s.lower() in ("", "null"):
        return None
    if s.lower() == "true":
        return True
    if s.lower() == "false":
        return False
    if re.fullmatch(r"[+-]?[0-9]+", s):
        return int(s)
    if re.fullmatch(r"[+-]?[0-9]*\.[0-9]*", s) and s.strip("+-") != ".":
        return float(s)
    return s
