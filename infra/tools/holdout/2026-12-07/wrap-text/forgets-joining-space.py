def wrap_text(text, width):
    lines = []
    line = ""
    for word in text.split():
        if line and len(line) + len(word) <= width:
            line += " " + word
        elif line:
            lines.append(line)
            line = word
        else:
            line = word
    if line:
        lines.append(line)
    return lines
