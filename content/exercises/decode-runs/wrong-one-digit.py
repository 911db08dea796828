def decode_runs(code):
    # every run is a digit and a character
    if len(code) % 2:
        return None
    text = ""
    for i in range(0, len(code), 2):
        count, ch = code[i], code[i + 1]
        if count not in "123456789" or ch in "0123456789":
            return None
        text += ch * int(count)
    return text
