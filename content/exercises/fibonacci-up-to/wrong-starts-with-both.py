def fib_up_to(limit, a=0, b=1):
    terms = [a, b]
    while terms[-1] + terms[-2] <= limit:
        terms.append(terms[-1] + terms[-2])
    return terms
