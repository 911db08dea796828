def fib_up_to(limit, a=0, b=1):
    terms = []
    while True:
        terms.append(a)
        if b > limit:
            break
        a, b = b, a + b
    return terms
