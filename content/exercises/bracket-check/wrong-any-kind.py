def bracket_error(text):
    stack = []
    for i, ch in enumerate(text):
        if ch in "([{":
            stack.append(i)
        elif ch in ")]}":
            if not stack:
                return i
            stack.pop()                 # closes whatever is open
    return stack[0] if stack else -1
