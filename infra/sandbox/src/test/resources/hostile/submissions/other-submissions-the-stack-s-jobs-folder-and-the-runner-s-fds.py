# hostile: other submissions: the stack's jobs folder and the runner's fds
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout lacks "LISTED"
# expect: first test stdout lines matching " FileNotFoundError$" = 5
# expect: first test stdout lines matching "^/proc/1/.* PermissionError$" = 3

import os
def fizzbuzz(n):
    if n != 5:
        return None
    for path in ("{DATA}", "{DATA}/jobs", "{DATA}/jobs/jobs", "{DATA}/jobs/results", "{REPO}/.pyquest/jobs",
                 "/proc/1/fd", "/proc/1/root/tmp", "/proc/1/cwd"):
        try:
            print(path, "LISTED", os.listdir(path))
        except OSError as e:
            print(path, type(e).__name__)
    return None
