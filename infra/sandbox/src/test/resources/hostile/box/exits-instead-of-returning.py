# hostile: os._exit, sys.exit, exit and SIGKILL instead of returning are never OK
# test: os ["os"]
# test: sys ["sys"]
# test: exit ["exit"]
# test: kill ["kill"]
# expect: every test status is RUNTIME_ERROR
# expect: every test value absent

import os, sys
def f(kind):
    print("bye")
    if kind == "os": os._exit(0)
    if kind == "sys": sys.exit(0)
    if kind == "exit": exit(0)
    if kind == "kill":
        import signal
        os.kill(os.getpid(), signal.SIGKILL)
