# hostile: recursion in Python and through C is a runtime error, never a hang
# test: py ["py"]
# test: c ["c"]
# expect: test "py" status is RUNTIME_ERROR
# expect: test "py" error starts with "RecursionError"
# expect: test "py" traceback length < 9000
# expect: test "c" status is RUNTIME_ERROR

import sys
def f(kind):
    if kind == "py":
        def r(n): return r(n + 1)
        return r(0)
    sys.setrecursionlimit(10**6)
    def c(n): return list(map(c, [n]))
    return c(0)
