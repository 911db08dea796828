# hostile: a str subclass that equals everything
# activity: reverse-words
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

class Str(str):
    def __eq__(self, other):
        return True
    __hash__ = str.__hash__
def reverse_words(s):
    return Str("")
