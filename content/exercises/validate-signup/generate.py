"""Generated hidden tests for validate_signup(form): see content/README.md, "Generated hidden tests"."""

OK = {"username": "ada_99", "age": "36", "email": "ada@example.com"}


def form(**changes):
    f = dict(OK)
    for k, v in changes.items():
        if v is ...:
            f.pop(k, None)
        else:
            f[k] = v
    return f


def cases(rng):
    yield "empty", [{}]
    yield "validation", [form(username="_" * rng.randint(3, 20))]
    yield "validation", [form(username="José_" + "é" * rng.randint(0, 15))]
    yield "validation", [form(username=rng.choice(["ab", "a" * 21, "ab ", "a-b", "a.b", "ab\n", "ada\u200b"]))]
    yield "validation", [form(age=rng.choice(["12", "13", "120", "121", " 42 ", "+20", "-13", "٣٣", "1_3", "13.0", "", "0x20"]))]
    yield "validation", [form(email=rng.choice(["a@b.c", "a@.bc", "a@bc.", "@b.c", "a@b@c.d", "a@@b.c", "a.b@c", "a@b..c", "a@b.c.d", "a@.", "a@b.", "é@ü.ω"]))]
    yield "validation", [form(username=rng.choice([None, 7, ["ada"], {"x": 1}, True]), age=rng.choice([36, 36.0, None, False]), email=...)]
    yield "boundary", [form(username="x" * 20, age="120", email="a@b.c")]
    yield "boundary", [form(**{"zeta": 1, "Alpha": 2, "admin": True, "": 0, "username": ...})]
    yield "unicode", [form(username="İstanbul_ß", **{"ümlaut": "", "Ωmega": None})]
    yield "random", [form(username="".join(rng.choice("abc_1-é") for _ in range(rng.randint(1, 24))), age=str(rng.randint(-5, 150)))]
    yield "worst-case-size", [form(**{"k%04d" % i: i for i in rng.sample(range(10000), 1000)})]
