def parse_int(text):
    s = text.strip()
    digits = s.lstrip("+-")
    if not digits:
        return None
    if all("0" <= ch <= "9" for ch in digits):
        return int(s)
    return None
