# hostile: one file in /tmp past the file size limit
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR

def fizzbuzz(n):
    with open("/tmp/big", "wb") as f:
        while True:
            f.write(bytes(1 << 20))
