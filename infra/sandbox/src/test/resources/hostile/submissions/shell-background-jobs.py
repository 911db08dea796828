# hostile: shell background jobs
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import subprocess
def fizzbuzz(n):
    subprocess.run(["sh", "-c", "sleep 3600 & sleep 3601 & exit 0"], check=True)
    return None
