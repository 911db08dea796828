DIGITS = "0123456789"


def decode_runs(code):
    text = []
    i = 0
    while i < len(code):
        j = i
        while j < len(code) and code[j] in DIGITS:
            j += 1
        count = code[i:j]
        # No count, a count with a leading zero (or 0 itself), or no character after it.
        if not count or count[0] == "0" or j == len(code):
            return None
        text.append(code[j] * int(count))
        i = j + 1
    return "".join(text)
