def caesar(text, shift):
    alphabet = "abcdefghijklmnopqrstuvwxyz"
    result = ""
    for ch in text:
        lower = ch.lower()
        if lower in alphabet:
            new = alphabet[(alphabet.index(lower) + shift) % 25]
            if ch.isupper():
                new = new.upper()
            result += new
        else:
            result += ch
    return result
