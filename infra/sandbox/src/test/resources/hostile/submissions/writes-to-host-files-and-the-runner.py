# hostile: writes to the canary's host path, /etc/passwd, /usr and the runner
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout lacks "WRITTEN"
# expect: first test stdout contains "the box's own copy: owned"

import os
def fizzbuzz(n):
    if n != 5:
        return None
    for path in ("{CANARY}", "/etc/passwd", "/usr/bin/pyquest-was-here", "/sandbox/runner.py",
                 "/proc/1/root/sandbox/runner.py"):
        try:
            with open(path, "a") as f:
                f.write("owned")
            print(path, "WRITTEN")
        except OSError as e:
            print(path, type(e).__name__)
    os.makedirs(os.path.dirname("{CANARY}"), exist_ok=True)
    with open("{CANARY}", "w") as f:
        f.write("owned")
    print("the box's own copy:", open("{CANARY}").read())
    return None
