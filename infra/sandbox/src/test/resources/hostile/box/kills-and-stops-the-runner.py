# hostile: SIGSTOP, SIGTERM and SIGKILL to the runner (the namespace's init, pid 1) change nothing
# test: t []
# expect: first test status is OK
# expect: first test value = 1

import os, signal
def f():
    for sig in (signal.SIGSTOP, signal.SIGTERM, signal.SIGKILL):
        os.kill(os.getppid(), sig)
    return os.getppid()
