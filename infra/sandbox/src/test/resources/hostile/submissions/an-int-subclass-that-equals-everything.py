# hostile: an int subclass that equals everything
# activity: sum-of-evens
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

class Int(int):
    def __eq__(self, other):
        return True
    __hash__ = int.__hash__
    def __repr__(self):
        return "6"
    __str__ = __repr__
def sum_of_evens(nums):
    return Int(-1)
