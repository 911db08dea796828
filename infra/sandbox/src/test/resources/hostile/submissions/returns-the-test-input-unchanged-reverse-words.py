# hostile: returns the test input unchanged (reverse-words)
# activity: reverse-words
# expect: submission status is FAILED
# expect: test "empty string" status is PASSED
# expect: test "a single word" status is PASSED
# expect: other tests status is WRONG_ANSWER

def reverse_words(s):
    return s
