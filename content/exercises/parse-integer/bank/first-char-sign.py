def parse_int(text):
    s = text.strip()
    if s[0] in "+-":
        digits = s[1:]
    else:
        digits = s
    if digits == "":
        return None
    for ch in digits:
        if ch not in "0123456789":
            return None
    return int(s)
