def decode_runs(code):
    text = ""
    count = ""
    for ch in code:
        if ch.isdigit():
            count += ch
        else:
            if count == "" or count[0] == "0":
                return None
            text += ch * int(count)
            count = ""
    if count:
        return None
    return text
