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
    else:
        try:
            n = int(a)
            if not 13 <= n <= 120:
                problems.append("age: must be between 13 and 120")
        except ValueError:
            problems.append("age: not a whole number")
    e = form.get("email")
    if "email" not in form:
        problems.append("email: missing")
    elif not isinstance(e, str):
        problems.append("email: must be a string")
    else:
        local, _, domain = e.partition("@")
        if not local or "@" in domain or "." not in domain[1:-1]:
            problems.append("email: invalid")
    for key in form:
        if key not in ("username", "age", "email"):
            problems.append(f"unknown field: {key}")
    return problems
