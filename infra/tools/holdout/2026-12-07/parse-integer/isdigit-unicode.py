def parse_int(text):
    s = text.strip()
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = s[0], s[1:]
    if s.isdigit():
        return int(sign + s)
    return None
