# hostile: kill(-1, SIGKILL): every process it may signal
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import os, signal
def fizzbuzz(n):
    os.kill(-1, signal.SIGKILL)
    return None
