# hostile: SIGKILL, SIGSTOP, SIGTERM and SIGSEGV to its parent
# note: the parent is the box's init (the runner), which its namespace cannot kill or stop
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout stripped = "parent 1 still there"

import os, signal
def fizzbuzz(n):
    parent = os.getppid()
    for s in (signal.SIGKILL, signal.SIGSTOP, signal.SIGTERM, signal.SIGSEGV):
        os.kill(parent, s)
    print("parent", parent, "still there")
    return None
