# hostile: a list whose __eq__ is always true
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

class Anything(list):
    def __eq__(self, other):
        return True
    def __ne__(self, other):
        return False
    __hash__ = None
def fizzbuzz(n):
    return Anything(["1", "2", "Fizz"])
