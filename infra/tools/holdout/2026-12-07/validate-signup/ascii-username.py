import string
ALLOWED = string.ascii_letters + string.digits + "_"
def validate_signup(form):
    problems = []
    if "username" not in form:
        problems.append("username: missing")
    elif not isinstance(form["username"], str):
        problems.append("username: must be a string")
    else:
        name = form["username"]
        if not 3 <= len(name) <= 20:
            problems.append("username: must be 3 to 20 characters")
        elif any(ch not in ALLOWED for ch in name):
            problems.append("username: only letters, digits and _ allowed")
    if "age" not in form:
        problems.append("age: missing")
    elif not isinstance(form["age"], str):
        problems.append("age: must be a string")
    else:
        try:
            age = int(form["age"])
            if age < 13 or age > 120:
                problems.append("age: must be between 13 and 120")
        except ValueError:
            problems.append("age: not a whole number")
    if "email" not in form:
        problems.append("email: missing")
    elif not isinstance(form["email"], str):
        problems.append("email: must be a string")
    else:
        e = form["email"]
        local, _, domain = e.partition("@")
        if e.count("@") != 1 or not local or "." not in domain[1:-1]:
            problems.append("email: invalid")
    for key in sorted(form):
        if key not in ("username", "age", "email"):
            problems.append("unknown field: " + key)
    return problems
