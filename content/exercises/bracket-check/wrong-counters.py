def bracket_error(text):
    # one counter per kind of bracket
    depth = {"(": 0, "[": 0, "{": 0}
    first_open = {}
    closing = {")": "(", "]": "[", "}": "{"}
    for i, ch in enumerate(text):
        if ch in depth:
            if depth[ch] == 0:
                first_open[ch] = i
            depth[ch] += 1
        elif ch in closing:
            if depth[closing[ch]] == 0:
                return i
            depth[closing[ch]] -= 1
    still_open = [first_open[k] for k in depth if depth[k] > 0]
    return min(still_open) if still_open else -1
