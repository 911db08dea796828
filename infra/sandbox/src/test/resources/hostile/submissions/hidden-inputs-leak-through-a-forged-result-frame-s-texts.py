# hostile: hidden inputs leak through a forged result frame's texts
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is MEMORY_LIMIT|OUTPUT_LIMIT|RUNTIME_ERROR|WRONG_ANSWER
# expect: hidden tests json lacks "Leak_"
# expect: hidden tests json lacks "[300]"
# expect: hidden tests json lacks "[99]"

import os, sys
def forge(body):
    f = sys._getframe()
    while f is not None and "index" not in f.f_locals:
        f = f.f_back
    i = f.f_locals["index"]
    os.write(3, b"R %d %d x\n" % (i, len(body)) + body)
    os._exit(0)
def fizzbuzz(n):
    status = ["RUNTIME_ERROR", "NO_FUNCTION", "NOT_JSON", "MEMORY_LIMIT", "OUTPUT_LIMIT"][n % 5]
    forge(('{"status":"%s","error":"Leak_%d: [%d]","traceback":"Leak_%d"}' % (status, n, n, n)).encode())
