# hostile: an 85,000-digit integer
# activity: sum-of-evens
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import sys
def sum_of_evens(nums):
    sys.set_int_max_str_digits(0)
    return 7 ** 100000
