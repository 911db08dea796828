# hostile: a print flood hits the output limit and keeps exactly that much
# test: t []
# limit: outputBytes=1000
# expect: first test status is OUTPUT_LIMIT
# expect: first test stdout length = 1000

def f():
    while True:
        print('x' * 100)
