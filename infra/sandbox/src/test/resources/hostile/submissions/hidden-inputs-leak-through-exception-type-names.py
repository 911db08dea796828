# hostile: hidden inputs leak through exception type names
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR
# expect: hidden tests json lacks "Input_"

def fizzbuzz(n):
    raise type("Input_%d" % n, (Exception,), {})()
