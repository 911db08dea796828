# hostile: hidden inputs leak through the runner's frames
# note: 99 and 300 are arguments of hidden fizzbuzz tests only
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: every test json lacks "[300]"
# expect: every test json lacks "[99]"

import sys
def fizzbuzz(n):
    frame = sys._getframe()
    while frame is not None:
        for name, value in list(frame.f_locals.items()):
            if name == "tests":
                print("LEAK", value)
        frame = frame.f_back
    return None
