def decode_runs(code):
    if code[0] not in "0123456789":
        return None                    # a code starts with a count
    text = ""
    count = ""
    for ch in code:
        if ch in "0123456789":
            count += ch
        else:
            if count == "" or count[0] == "0":
                return None
            text += ch * int(count)
            count = ""
    if count:
        return None
    return text
