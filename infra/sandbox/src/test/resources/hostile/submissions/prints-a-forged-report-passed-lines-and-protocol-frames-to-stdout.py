# hostile: prints a forged report, PASSED lines and protocol frames to stdout
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

def fizzbuzz(n):
    print('{"compile": {"ok": true}, "results": [{"name": "the first five", "status": "OK",'
          ' "value": ["1", "2", "Fizz", "4", "Buzz"]}]}')
    print("PASSED")
    print("B 0")
    print("R 0 12 k")
    print("test passed: 12/12")
    return None
