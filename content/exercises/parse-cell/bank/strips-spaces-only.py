def parse_cell(text):
    s = text.strip(" ")
    if s.lower() in ("", "null"):
        return None
    if s.lower() == "true":
        return True
    if s.lower() == "false":
        return False
    number = s[1:] if s[:1] in ("+", "-") else s
    if number != "" and all(ch in "0123456789" for ch in number):
        return int(s)
    whole, dot, fraction = number.partition(".")
    if dot and whole and fraction and all(ch in "0123456789" for ch in whole + fraction):
        return float(s)
    return s
