def fib_up_to(limit, a=0, b=1):
    terms = []
    for _ in range(100):
        if a <= limit:
            terms.append(a)
        a, b = b, a + b
    return terms
