def fib_up_to(limit, a=0, b=1):
    terms = []
    if a <= limit:
        terms.append(a)
    while b <= limit:
        terms.append(b)
        a, b = b, a + b
    return terms
