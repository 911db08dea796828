# hostile: a forked child keeps burning CPU after the function returned
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import os
def fizzbuzz(n):
    if os.fork() == 0:
        while True:
            pass
    return None
