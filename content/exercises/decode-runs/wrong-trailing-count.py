def decode_runs(code):
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
    return text                    # a count left over at the end is ignored
