# hostile: locks, leases and notifications on shared files
# note: a box holding hidden inputs could signal them through locks on /usr files to a box whose output the learner sees
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout = "flock errno 1\nlockf errno 1\nnotify errno 1\ninotify -1 1\n"

import ctypes, fcntl, os
def fizzbuzz(n):
    fd = os.open("/usr/lib/python3.11/os.py", os.O_RDONLY)
    libc = ctypes.CDLL(None, use_errno=True)
    for name, call in [("flock", lambda: fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)),
                       ("lockf", lambda: fcntl.lockf(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)),
                       ("notify", lambda: fcntl.fcntl(os.open("/usr", os.O_RDONLY), 1026, 1))]:
        try:
            call()
            print(name, "allowed")
        except OSError as e:
            print(name, "errno", e.errno)
    print("inotify", libc.inotify_init1(0), ctypes.get_errno())
    return None
