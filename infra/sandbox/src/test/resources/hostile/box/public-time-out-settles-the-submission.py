# hostile: a public time-out settles the submission and its hidden box never runs
# test: p1 [0]
# test: p2 [1]
# test: h1 [2]
# test: h2 [3]
# limit: timeMs=500
# public-count: 2
# expect: first test status is TIME_LIMIT
# expect: other tests status is NOT_RUN
# expect: report results/0/name = "p1"
# expect: report results/1/name = "p2"
# expect: report results/2/name = "h1"
# expect: report results/3/name = "h2"
# expect: run ms < 1500

def f(x):
    while True:
        pass
