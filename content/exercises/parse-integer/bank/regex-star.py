import re

def parse_int(text):
    if re.fullmatch(r"\s*[+-]?[0-9]*\s*", text) is None:
        return None
    if text.strip() == "":
        return None
    return int(text)
