# hostile: SIGALRM handler re-arms itself and every exception is swallowed
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN

import signal
def fizzbuzz(n):
    if n != 5:
        return None
    def again(signum, frame):
        signal.setitimer(signal.ITIMER_REAL, 0.05)
    signal.signal(signal.SIGALRM, again)
    signal.setitimer(signal.ITIMER_REAL, 0.05)
    while True:
        try:
            sum(range(10 ** 6))
        except BaseException:
            pass
