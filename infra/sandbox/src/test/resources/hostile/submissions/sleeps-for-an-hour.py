# hostile: sleeps for an hour
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN

import time
def fizzbuzz(n):
    if n == 5:
        time.sleep(3600)
    return None
