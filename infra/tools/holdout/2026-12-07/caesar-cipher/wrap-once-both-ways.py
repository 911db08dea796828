def caesar(text, shift):
    result = ""
    for ch in text:
        if ch.isascii() and ch.isalpha():
            base = ord("a") if ch.islower() else ord("A")
            pos = ord(ch) - base + shift
            if pos >= 26:
                pos -= 26
            elif pos < 0:
                pos += 26
            result += chr(base + pos)
        else:
            result += ch
    return result
