# hostile: prints and raises its input: a hidden test comes back with the runner's words only
# test: p1 [6]
# test: h1 [300]
# public-count: 1
# expect: test "p1" stdout contains "the input is 6"
# expect: test "h1" error = "the code raised an exception"
# expect: test "h1" json lacks "300"

def f(x):
    print("the input is", x)
    raise ValueError("the input is %d" % x)
