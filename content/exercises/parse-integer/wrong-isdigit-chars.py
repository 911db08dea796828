def parse_int(text):
    s = text.strip()
    digits = s
    if s.startswith(("+", "-")):
        digits = s[1:]
    if not digits:
        return None
    for ch in digits:
        if not ch.isdigit():
            return None
    return int(s)
