# hostile: os._exit(0) before returning
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import os
def fizzbuzz(n):
    os._exit(0)
