# hostile: creates files without end, then checks /tmp is empty again
# note: creating files never ends (the tmpfs has more inodes than 2 s can use up); the other tests check that /tmp was emptied after it
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN

import os
def fizzbuzz(n):
    if n != 5:
        if os.listdir("/tmp"):
            raise RuntimeError("files of an earlier test are still in /tmp")
        return None
    i = 0
    while True:
        if i % 1000 == 0:
            os.mkdir("/tmp/d%d" % i)
        open("/tmp/d%d/f%d" % (i - i % 1000, i), "w").close()
        i += 1
