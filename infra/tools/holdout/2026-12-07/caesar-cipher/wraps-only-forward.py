def caesar(text, shift):
    out = ""
    for ch in text:
        if "a" <= ch <= "z":
            code = ord(ch) + shift
            if code > ord("z"):
                code -= 26
            out += chr(code)
        elif "A" <= ch <= "Z":
            code = ord(ch) + shift
            if code > ord("Z"):
                code -= 26
            out += chr(code)
        else:
            out += ch
    return out
