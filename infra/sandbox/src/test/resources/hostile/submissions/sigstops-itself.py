# hostile: SIGSTOPs itself
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN

import os, signal
def fizzbuzz(n):
    if n == 5:
        os.kill(os.getpid(), signal.SIGSTOP)
    return None
