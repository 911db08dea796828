def caesar(text, shift):
    result = ""
    for ch in text:
        if "a" <= ch <= "z":
            n = ord(ch) + shift
            if n > ord("z"):
                n -= 26
            result += chr(n)
        elif "A" <= ch <= "Z":
            n = ord(ch) + shift
            if n > ord("Z"):
                n -= 26
            result += chr(n)
        else:
            result += ch
    return result
