# hostile: hidden inputs leak through the choice of a built-in exception
# note: choosing among Python's own exception types by the input was ~5.6 bits per hidden test
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR
# expect: hidden tests message = "the code raised an exception on a hidden test"
# expect: hidden tests json lacks "Error"
# expect: hidden tests json lacks "n="

def fizzbuzz(n):
    raise [ValueError, KeyError, IndexError, TypeError, ZeroDivisionError, OSError][n % 6]("n=%d" % n)
