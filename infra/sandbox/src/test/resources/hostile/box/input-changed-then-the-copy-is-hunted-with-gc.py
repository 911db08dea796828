# hostile: sorts its argument, then hunts with gc for a copy the judge kept and for the judge's own references to put the old list back
# test: gc [[3, 1, 2]]
# inputs-unchanged: true
# expect: first test status = "INPUT_CHANGED"
# expect: first test after = [1, 2, 3]

import gc


def f(xs):
    keep = list(xs)
    xs.sort()
    for o in gc.get_objects():
        if o is keep or o is xs:
            continue
        if type(o) is list and o == [3, 1, 2]:
            o[:] = [1, 2, 3]                     # a copy of the input, made unchanged-looking
    for o in gc.get_referrers(xs):
        if type(o) is list and o is not keep:
            o[:] = [keep if x is xs else x for x in o]   # put the old list where the judge holds the argument
    return xs
