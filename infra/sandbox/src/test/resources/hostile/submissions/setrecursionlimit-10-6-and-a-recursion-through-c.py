# hostile: setrecursionlimit(10**6) and a recursion through C
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import sys
class Deep:
    def __repr__(self):
        return repr(self)
def fizzbuzz(n):
    sys.setrecursionlimit(10 ** 6)
    return repr(Deep())
