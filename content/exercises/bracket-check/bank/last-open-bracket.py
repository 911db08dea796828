def bracket_error(text):
    match = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append(i)
        elif ch in match:
            if not stack or text[stack[-1]] != match[ch]:
                return i
            stack.pop()
    if stack:
        return stack.pop()      # the bracket that is still open
    return -1
