def fib_up_to(limit, a=0, b=1):
    if limit == 0:
        return [0]
    terms = []
    while a <= limit:
        terms.append(a)
        a, b = b, a + b
    return terms
