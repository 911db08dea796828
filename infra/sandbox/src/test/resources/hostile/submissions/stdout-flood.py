# hostile: stdout flood
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is OUTPUT_LIMIT
# expect: first test stdout length <= 4097

def fizzbuzz(n):
    while True:
        print("x" * 10000)
