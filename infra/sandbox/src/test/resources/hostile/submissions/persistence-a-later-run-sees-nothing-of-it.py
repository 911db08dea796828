# hostile: persistence: a later run sees nothing of it
# activity: fizzbuzz
# after: persistence-first-run-writes-tmp-dev-shm-and-home
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout stripped = "seen []"

import os
PLACES = ("/tmp/pq-persist", "/dev/shm/pq-persist", "/tmp/.hidden/deep/pq-persist", os.path.expanduser("~/.pq-persist"))
def fizzbuzz(n):
    seen = [p for p in PLACES if os.path.exists(p)]
    for p in PLACES:
        try:
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w") as f:
                f.write("left behind by an earlier run")
        except OSError:
            pass
    print("seen", seen)
    if seen:
        raise RuntimeError("a file of an earlier run: %s" % seen)
    return None
