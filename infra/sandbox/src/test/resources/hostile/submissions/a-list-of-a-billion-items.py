# hostile: a list of a billion items
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is MEMORY_LIMIT

def fizzbuzz(n):
    items = [0] * (10 ** 9)
    return None
