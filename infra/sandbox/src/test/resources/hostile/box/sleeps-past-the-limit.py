# hostile: sleeping past the limit is a time limit too
# test: t []
# limit: timeMs=500
# expect: first test status is TIME_LIMIT

import time
def f():
    time.sleep(30)
