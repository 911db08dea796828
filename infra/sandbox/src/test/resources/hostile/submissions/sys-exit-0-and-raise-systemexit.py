# hostile: sys.exit(0) and raise SystemExit
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import sys
def fizzbuzz(n):
    try:
        if n == 5:
            sys.exit(0)
    finally:
        raise SystemExit("PASSED")
