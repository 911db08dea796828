# hostile: fork bomb
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN

import os
def fizzbuzz(n):
    if n != 5:
        return None
    while True:
        try:
            os.fork()
        except OSError:
            pass
