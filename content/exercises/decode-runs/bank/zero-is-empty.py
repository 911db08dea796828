def decode_runs(code):
    text = ""
    count = ""
    for ch in code:
        if ch in "0123456789":
            count += ch
        else:
            if count == "" or (count[0] == "0" and count != "0"):
                return None
            text += ch * int(count)           # a count of 0 simply adds nothing
            count = ""
    if count:
        return None
    return text
