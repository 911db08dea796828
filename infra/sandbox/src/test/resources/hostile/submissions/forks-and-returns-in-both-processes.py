# hostile: forks and returns in both processes
# note: parent and child both return and both report: whichever report the runner sees first, the test is a wrong answer (None) or a protocol violation, never a pass
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR|WRONG_ANSWER

import os
def fizzbuzz(n):
    os.fork()
    return None
