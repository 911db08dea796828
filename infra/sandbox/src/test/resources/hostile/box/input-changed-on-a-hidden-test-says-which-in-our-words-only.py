# hostile: changes its input on a hidden test: the hidden result is INPUT_CHANGED with the runner's words, no argument, no value
# test: p1 [[1, 2]]
# test: h1 [[300, 7]]
# public-count: 1
# inputs-unchanged: true
# expect: test "p1" status = "OK"
# expect: test "h1" status = "INPUT_CHANGED"
# expect: test "h1" error = "the function changed an argument it was given"
# expect: test "h1" argument absent
# expect: test "h1" after absent
# expect: test "h1" value absent
# expect: test "h1" json lacks "300"

def f(xs):
    if xs[0] == 300:
        xs.append(300)
    return sum(xs)
