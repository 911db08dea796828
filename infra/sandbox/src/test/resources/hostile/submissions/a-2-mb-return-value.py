# hostile: a 2 MB return value
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is OUTPUT_LIMIT

def fizzbuzz(n):
    return ["Fizz" * 25] * 20000
