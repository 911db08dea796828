# hostile: 10,000 threads
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import threading, time
def fizzbuzz(n):
    for _ in range(10000):
        threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
    return None
