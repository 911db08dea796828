# hostile: a 1 GiB bytearray
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is MEMORY_LIMIT

def fizzbuzz(n):
    block = bytearray(1 << 30)
    return None
