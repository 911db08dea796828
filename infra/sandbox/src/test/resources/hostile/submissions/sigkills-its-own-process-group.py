# hostile: SIGKILLs its own process group
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import os, signal
def fizzbuzz(n):
    os.killpg(0, signal.SIGKILL)
    return None
