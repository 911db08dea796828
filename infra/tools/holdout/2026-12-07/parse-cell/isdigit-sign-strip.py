def parse_cell(text):
    s = text.strip()
    low = s.lower()
    if low == "" or low == "null":
        return None
    if low in ("true", "false"):
        return low == "true"
    if s.lstrip("+-").isdigit():
        return int(s)
    if s.count(".") == 1:
        whole, frac = s.lstrip("+-").split(".")
        if whole.isdigit() and frac.isdigit():
            return float(s)
    return s
