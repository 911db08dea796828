# hostile: an object whose __eq__ is always true and whose repr looks right
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

class Anything:
    def __eq__(self, other):
        return True
    def __repr__(self):
        return '["1", "2", "Fizz", "4", "Buzz"]'
    __str__ = __repr__
    __hash__ = object.__hash__
def fizzbuzz(n):
    return Anything()
