def check_username(name):
    if len(name) < 3 or len(name) > 20:
        return "username: must be 3 to 20 characters"
    for ch in name:
        if not (ch.isalnum() or ch == "_"):
            return "username: only letters, digits and _ allowed"
    return None

def check_age(text):
    if not text.isdigit():
        return "age: not a whole number"
    age = int(text)
    if age < 13 or age > 120:
        return "age: must be between 13 and 120"
    return None

def check_email(address):
    if address.count("@") != 1:
        return "email: invalid"
    local, domain = address.split("@")
    if not local or "." not in domain[1:-1]:
        return "email: invalid"
    return None

CHECKS = {"username": check_username, "age": check_age, "email": check_email}

def validate_signup(form):
    problems = []
    for field in ("username", "age", "email"):
        if field not in form:
            problems.append(field + ": missing")
        elif not isinstance(form[field], str):
            problems.append(field + ": must be a string")
        else:
            problem = CHECKS[field](form[field])
            if problem:
                problems.append(problem)
    for key in sorted(form):
        if key not in ("username", "age", "email"):
            problems.append("unknown field: " + key)
    return problems
