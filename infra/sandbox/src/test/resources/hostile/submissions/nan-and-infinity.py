# hostile: NaN and infinity
# activity: sum-of-evens
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

def sum_of_evens(nums):
    return float("nan") if len(nums) % 2 else float("inf")
