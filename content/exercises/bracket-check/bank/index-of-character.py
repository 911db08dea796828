def bracket_error(text):
    match = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append(ch)
        elif ch in match:
            if not stack or stack[-1] != match[ch]:
                return i
            stack.pop()
    if stack:
        return text.index(stack[0])
    return -1
