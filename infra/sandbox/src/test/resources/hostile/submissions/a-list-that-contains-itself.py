# hostile: a list that contains itself
# activity: flatten
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

def flatten(items):
    loop = []
    loop.append(loop)
    return loop
