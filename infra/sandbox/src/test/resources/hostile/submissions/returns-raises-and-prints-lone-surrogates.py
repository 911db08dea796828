# hostile: returns, raises and prints lone surrogates
# note: each value the judge cannot read was a crashed runner or an unreadable report: an ERROR verdict, our fault, no attempt
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is RUNTIME_ERROR|WRONG_ANSWER

def fizzbuzz(n):
    print("\ud800 printed")
    if n == 5:
        raise ValueError("\udfff raised")
    return ["\ud800", {"\udc00": "\ud83d"}]
