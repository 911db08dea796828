# hostile: /proc lists only the box's processes
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout matches "pids \\[1(, [1-9][0-9]?){0,2}\\]"
# expect: first test stdout contains "host jvm visible False"

import os
def fizzbuzz(n):
    if n != 5:
        return None
    print("pids", sorted(int(p) for p in os.listdir("/proc") if p.isdigit()))
    print("host jvm visible", os.path.exists("/proc/{JVMPID}"))
    return None
