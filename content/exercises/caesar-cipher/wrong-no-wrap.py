def caesar(text, shift):
    result = ""
    for ch in text:
        if "a" <= ch <= "z" or "A" <= ch <= "Z":
            result += chr(ord(ch) + shift)
        else:
            result += ch
    return result
