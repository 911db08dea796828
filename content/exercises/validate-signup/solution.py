def check_username(name):
    if not 3 <= len(name) <= 20:
        return "username: must be 3 to 20 characters"
    for ch in name:
        if not (ch.isalnum() or ch == "_"):
            return "username: only letters, digits and _ allowed"
    return None


def check_age(text):
    try:
        age = int(text)
    except ValueError:
        return "age: not a whole number"
    if not 13 <= age <= 120:
        return "age: must be between 13 and 120"
    return None


def check_email(address):
    local, _, domain = address.partition("@")
    if not local or "@" in domain or "." not in domain[1:-1]:
        return "email: invalid"
    return None


CHECKS = {"username": check_username, "age": check_age, "email": check_email}


def validate_signup(form):
    problems = []
    for field, check in CHECKS.items():
        if field not in form:
            problems.append(f"{field}: missing")
        elif not isinstance(form[field], str):
            problems.append(f"{field}: must be a string")
        else:
            problem = check(form[field])
            if problem:
                problems.append(problem)
    for field in sorted(form):
        if field not in CHECKS:
            problems.append(f"unknown field: {field}")
    return problems
