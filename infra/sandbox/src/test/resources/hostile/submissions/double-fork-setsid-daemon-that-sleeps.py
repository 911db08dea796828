# hostile: double fork + setsid daemon that sleeps
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import os, time
def fizzbuzz(n):
    child = os.fork()
    if child == 0:
        os.setsid()
        if os.fork() == 0:
            os.closerange(0, 64)
            time.sleep(3600)
        os._exit(0)
    os.waitpid(child, 0)
    return None
