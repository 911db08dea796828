# hostile: returns the test input unchanged (flatten)
# activity: flatten
# expect: submission status is FAILED
# expect: test "already flat" status is PASSED
# expect: test "empty list" status is PASSED
# expect: other tests status is WRONG_ANSWER

def flatten(items):
    return items
