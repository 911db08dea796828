# hostile: 4 MiB files until /tmp is full
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR
# expect: first test message contains "No space left on device"

def fizzbuzz(n):
    i = 0
    while True:
        with open("/tmp/fill%d" % i, "wb") as f:
            f.write(bytes(4 << 20))
        i += 1
