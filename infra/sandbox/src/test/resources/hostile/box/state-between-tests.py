# hostile: module state and /tmp files of one test are not seen by the next
# test: a [1]
# test: b [2]
# test: c [3]
# expect: every test status is OK
# expect: every test value = [1, false]

import os
calls = []
def f(i):
    calls.append(i)
    seen = os.path.exists("/tmp/from-earlier-test")
    open("/tmp/from-earlier-test", "w").write("x")
    return [len(calls), seen]
