"""Generated hidden tests for validate_signup(form): see content/README.md, "Generated hidden tests"."""

OK = {"username": "ada_99", "age": "36", "email": "ada@example.com"}

# Corners of each field's rule, valid and not: every form below holds one of each, so a form fails
# each wrong reading of the rules at most once and every corner is judged, whatever the seed.
USERNAMES = ["___", "José_99", "ada\n", "ab", "a" * 20, "a" * 21, "a-b", "ada\u200b", "İstanbul_ß", "١٢٣", "ab ", "x" * 3]
AGES = [" 42 ", "+20", "13", "120", "12", "121", "-13", "٣٣", "1_3", "13.0", "", "0x20"]
EMAILS = ["ada@example.", "ada@example.com.", "a@b.c", "a@.bc", "@b.c", "a@b@c.d", "a.b@c", "a@b..c", "a@b.c.d", "é@ü.ω", "a@.", "ada@example"]


def form(**changes):
    f = dict(OK)
    for k, v in changes.items():
        if v is ...:
            f.pop(k, None)
        else:
            f[k] = v
    return f


def cases(rng):
    users, ages, emails = (rng.sample(c, len(c)) for c in (USERNAMES, AGES, EMAILS))
    for u, a, e in zip(users, ages, emails):
        yield "validation", [form(username=u, age=a, email=e)]
    yield "validation", [form(username=rng.choice([None, 7, ["ada"], {"x": 1}, True]), age=rng.choice([36, 36.0, None, False]), email=...)]
    yield "boundary", [form(**{"zeta": 1, "Alpha": 2, "admin": True, "": 0, "username": ...})]
    yield "unicode", [form(username="İstanbul_ß", **{"ümlaut": "", "Ωmega": None, "Zeta": 0})]
    yield "worst-case-size", [form(**{"k%04d" % i: i for i in rng.sample(range(10000), 1000)})]
