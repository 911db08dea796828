def caesar(text, shift):
    out = ""
    for ch in text:
        if ch.islower():
            out += chr((ord(ch) - ord("a") + shift) % 26 + ord("a"))
        elif ch.isupper():
            out += chr((ord(ch) - ord("A") + shift) % 26 + ord("A"))
        else:
            out += ch
    return out
