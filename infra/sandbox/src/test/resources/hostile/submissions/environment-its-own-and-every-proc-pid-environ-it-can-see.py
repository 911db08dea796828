# hostile: environment: its own, and every /proc/<pid>/environ it can see
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout starts with "env ['HOME', 'LANG', 'PATH', 'PWD', 'PYTHONDONTWRITEBYTECODE', 'PYTHONIOENCODING']"
# expect: first test stdout lacks "AWS_"
# expect: first test stdout lacks "PYQUEST_"
# expect: first test stdout lacks "JAVA_"
# expect: first test stdout lacks "MAVEN"
# expect: first test stdout lacks "JDK"
# expect: first test stdout lacks "/root"
# expect: first test stdout lacks "/work"
# expect: first test stdout contains "1 PermissionError"

import os
def fizzbuzz(n):
    if n != 5:
        return None
    print("env", sorted(os.environ))
    for pid in sorted(os.listdir("/proc")):
        if pid.isdigit():
            try:
                with open("/proc/%s/environ" % pid, "rb") as f:
                    print(pid, f.read())
            except OSError as e:
                print(pid, type(e).__name__)
    return None
