def is_digits(s):
    return s != "" and all(ch in "0123456789" for ch in s)


def parse_cell(text):
    s = text.strip()
    word = s.lower()
    if word in ("", "null"):
        return None
    if word == "true":
        return True
    if word == "false":
        return False
    number = s
    if s[0] in "+-":
        number = s[1:]
    if is_digits(number):
        return int(s)
    whole, dot, fraction = number.partition(".")
    if is_digits(whole) and is_digits(fraction):
        return float(s)
    return text
