def bracket_error(text):
    match = {")": "(", "]": "[", "}": "{", ">": "<"}
    stack = []
    for i, ch in enumerate(text):
        if ch in "([{<":
            stack.append(i)
        elif ch in match:
            if not stack or text[stack[-1]] != match[ch]:
                return i
            stack.pop()
    return stack[0] if stack else -1
