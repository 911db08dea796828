def bracket_error(text):
    pairs = {")": "(", "]": "[", "}": "{"}
    stack = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append(i)
        elif ch in pairs:
            if not stack:
                return i
            if text[stack[-1]] != pairs[ch]:
                return stack[-1]        # the bracket that was not closed properly
            stack.pop()
    return stack[0] if stack else -1
