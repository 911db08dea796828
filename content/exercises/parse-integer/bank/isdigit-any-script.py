def parse_int(text):
    s = text.strip()
    digits = s[1:] if s[:1] in ("+", "-") else s
    if not digits.isdigit():
        return None
    return int(s)
