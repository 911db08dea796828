# hostile: a forged result frame holding a 3,000-digit integer
# note: each value the judge cannot read was a crashed runner or an unreadable report: an ERROR verdict, our fault, no attempt
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import os, sys
def forge(body):
    f = sys._getframe()
    while f is not None and "index" not in f.f_locals:
        f = f.f_back
    i = f.f_locals["index"]
    os.write(3, b"R %d %d x\n" % (i, len(body)) + body)
    os._exit(0)
def fizzbuzz(n):
    forge(b'{"status":"OK","value":' + b"9" * 3000 + b'}')
