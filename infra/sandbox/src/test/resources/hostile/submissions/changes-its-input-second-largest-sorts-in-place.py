# hostile: returns the right value but sorts its input in place (second-largest checks inputs unchanged)
# activity: second-largest
# expect: submission status is FAILED
# expect: test "a few numbers" status is INPUT_CHANGED
# expect: test "a few numbers" message = "your function changed its argument 1 in place: before [3, 1, 4, 1, 5], after [1, 1, 3, 4, 5]; leave it as it is and return a new list instead"
# expect: test "a few numbers" actual = 4
# expect: test "the maximum appears twice" status is INPUT_CHANGED
# expect: test "a single number" status is PASSED
# expect: hidden tests status is INPUT_CHANGED|PASSED
# expect: hidden tests json lacks "before"
# expect: hidden tests json lacks "argument 1"

def second_largest(nums):
    nums.sort()
    for x in reversed(nums):
        if x < nums[-1]:
            return x
    return None
