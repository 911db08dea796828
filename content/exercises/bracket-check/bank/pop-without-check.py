def bracket_error(text):
    match = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append(i)
        elif ch in match:
            top = stack.pop()
            if text[top] != match[ch]:
                return i
    if stack:
        return stack[0]
    return -1
