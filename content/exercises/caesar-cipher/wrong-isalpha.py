def caesar(text, shift):
    result = ""
    for ch in text:
        if ch.isalpha():
            if ch.islower():
                base = ord("a")
            else:
                base = ord("A")
            result += chr(base + (ord(ch) - base + shift) % 26)
        else:
            result += ch
    return result
