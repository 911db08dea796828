def capitalize_words(text):
    lowered = text.lower()
    result = ""
    for i, ch in enumerate(lowered):
        if i == 0 or text[i - 1] == " ":
            result += ch.upper()
        else:
            result += ch
    return result
