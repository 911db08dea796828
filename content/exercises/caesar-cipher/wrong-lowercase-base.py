def caesar(text, shift):
    result = ""
    for ch in text:
        if "a" <= ch.lower() <= "z":
            result += chr(ord("a") + (ord(ch.lower()) - ord("a") + shift) % 26)
        else:
            result += ch
    return result
