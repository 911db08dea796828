def fib_up_to(limit, a=0, b=1):
    terms = []
    x, y = 0, 1
    while x <= limit:
        terms.append(x)
        x, y = y, x + y
    return terms
