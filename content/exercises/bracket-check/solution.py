OPENER = {")": "(", "]": "[", "}": "{"}


def bracket_error(text):
    open_at = []                      # indexes of the brackets still open, the most recent last
    for i, ch in enumerate(text):
        if ch in "([{":
            open_at.append(i)
        elif ch in OPENER:
            if not open_at or text[open_at[-1]] != OPENER[ch]:
                return i
            open_at.pop()
    return open_at[0] if open_at else -1
