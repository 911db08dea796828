# hostile: multiprocessing.Process children left sleeping
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import multiprocessing, time
def fizzbuzz(n):
    for _ in range(5):
        multiprocessing.Process(target=time.sleep, args=(3600,)).start()
    return None
