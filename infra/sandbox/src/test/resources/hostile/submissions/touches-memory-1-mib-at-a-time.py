# hostile: touches memory 1 MiB at a time
# note: grows to the memory limit by touching pages: ~128 MiB of page faults at ~40 us each take 1-3 s, so on a loaded machine the 2 s time limit can fire first; either limit is a correct verdict
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: first test status is MEMORY_LIMIT|TIME_LIMIT
# expect: other tests status is NOT_RUN|WRONG_ANSWER

def fizzbuzz(n):
    if n != 5:
        return None
    kept = []
    while True:
        kept.append(bytearray(1 << 20))
