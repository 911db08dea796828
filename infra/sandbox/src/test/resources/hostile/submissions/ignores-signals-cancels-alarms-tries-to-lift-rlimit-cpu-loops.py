# hostile: ignores SIGALRM/SIGXCPU/SIGTERM, cancels alarms, tries to lift RLIMIT_CPU, loops
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN
# expect: first test stdout contains "cpu limit kept"

import resource, signal
def fizzbuzz(n):
    if n != 5:
        return None
    for s in (signal.SIGALRM, signal.SIGXCPU, signal.SIGTERM, signal.SIGINT, signal.SIGHUP,
              signal.SIGVTALRM, signal.SIGPROF):
        signal.signal(s, signal.SIG_IGN)
    signal.alarm(0)
    signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        resource.setrlimit(resource.RLIMIT_CPU, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        print("cpu limit lifted")
    except (ValueError, OSError):
        print("cpu limit kept")
    while True:
        pass
