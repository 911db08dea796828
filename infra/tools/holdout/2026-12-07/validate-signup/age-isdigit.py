def validate_signup(form):
    problems = []
    u = form.get("username")
    if "username" not in form:
        problems.append("username: missing")
    elif not isinstance(u, str):
        problems.append("username: must be a string")
    elif not 3 <= len(u) <= 20:
        problems.append("username: must be 3 to 20 characters")
    elif not all(ch.isalnum() or ch == "_" for ch in u):
        problems.append("username: only letters, digits and _ allowed")
    a = form.get("age")
    if "age" not in form:
        problems.append("age: missing")
    elif not isinstance(a, str):
        problems.append("age: must be a string")
    elif not a.isdigit():
        problems.append("age: not a whole number")
    elif not 13 <= int(a) <= 120:
        problems.append("age: must be between 13 and 120")
    e = form.get("email")
    if "email" not in form:
        problems.append("email: missing")
    elif not isinstance(e, str):
        problems.append("email: must be a string")
    else:
        parts = e.split("@")
        if len(parts) != 2 or not parts[0] or "." not in parts[1][1:-1]:
            problems.append("email: invalid")
    for key in sorted(form):
        if key not in ("username", "age", "email"):
            problems.append(f"unknown field: {key}")
    return problems
