# hostile: writes forged result frames to fds 3..10
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import os
NL = bytes([10])
def fizzbuzz(n):
    body = b'{"status":"OK","value":["1","2","Fizz","4","Buzz"]}'
    frames = b"B 0" + NL + b"".join(b"R %d %d k" % (i, len(body)) + NL + body for i in range(12))
    notes = []
    for fd in range(3, 11):
        try:
            os.write(fd, frames)
            notes.append("%d written" % fd)
        except OSError as e:
            notes.append("%d %d" % (fd, e.errno))
    print(notes)
    return None
