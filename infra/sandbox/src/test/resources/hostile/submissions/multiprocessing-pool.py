# hostile: multiprocessing.Pool
# note: its semaphores need a writable /dev/shm
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

import multiprocessing
def square(x):
    return x * x
def fizzbuzz(n):
    with multiprocessing.Pool(8) as pool:
        return [str(v) for v in pool.map(square, range(n))]
