def parse_int(text):
    s = text.strip()
    digits = s
    if s.startswith(("+", "-")):
        digits = s[1:]
    if digits == "" or not digits.isascii() or not digits.isdigit():
        return None
    return s
