# hostile: string doubling
# note: grows to the memory limit by touching pages: ~256 MiB of page faults at ~40 us each take 1-3 s, so on a loaded machine the 2 s time limit can fire first; either limit is a correct verdict
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is MEMORY_LIMIT|TIME_LIMIT
# expect: other tests status is NOT_RUN|WRONG_ANSWER

def fizzbuzz(n):
    if n != 5:
        return None
    s = "x"
    while True:
        s += s
