def parse_int(text):
    s = text.strip(" ")
    digits = s[1:] if s.startswith(("+", "-")) else s
    if not digits:
        return None
    for ch in digits:
        if ch not in "0123456789":
            return None
    return int(s)
