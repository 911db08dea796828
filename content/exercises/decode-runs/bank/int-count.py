def decode_runs(code):
    text = ""
    count = ""
    for ch in code:
        if ch in "0123456789":
            count += ch
        else:
            if count == "" or int(count) < 1:
                return None
            text += ch * int(count)
            count = ""
    if count:
        return None
    return text
