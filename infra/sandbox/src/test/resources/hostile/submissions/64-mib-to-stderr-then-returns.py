# hostile: 64 MiB to stderr, then returns
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import os, sys
def fizzbuzz(n):
    chunk = "e" * 65536
    for _ in range(512):
        sys.stderr.write(chunk)
        os.write(2, b"E" * 65536)
    return None
