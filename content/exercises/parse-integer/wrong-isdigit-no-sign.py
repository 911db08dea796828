def parse_int(text):
    s = text.strip()
    if s.lstrip("-").isdigit():
        return int(s)
    return None
