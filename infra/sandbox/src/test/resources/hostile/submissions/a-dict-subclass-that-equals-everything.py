# hostile: a dict subclass that equals everything
# activity: word-frequencies
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

class Dict(dict):
    def __eq__(self, other):
        return True
    __hash__ = None
def word_frequencies(text):
    return Dict()
