def parse_int(text):
    s = text.strip(" ")
    digits = s[1:] if s[:1] in ("+", "-") else s
    if digits == "":
        return None
    for ch in digits:
        if ch not in "0123456789":
            return None
    return int(s)
