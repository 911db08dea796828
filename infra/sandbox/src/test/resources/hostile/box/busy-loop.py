# hostile: a busy loop hits the time limit and the run ends soon after
# test: t []
# limit: timeMs=1000
# expect: first test status is TIME_LIMIT
# expect: first test timeMs >= 1000
# expect: run ms < 4000

def f():
    while True:
        pass
