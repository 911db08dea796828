# hostile: changes its arguments in place (a sort, an append, a nested list): each test that checks its inputs fails, naming the argument
# function: f
# test: sorts [[3, 1, 2], [[1], [2]], "sorts"]
# test: appends [[3, 1, 2], [[1], [2]], "appends"]
# test: nested [[3, 1, 2], [[1], [2]], "nested"]
# test: copies [[3, 1, 2], [[1], [2]], "copies"]
# test: restores [[3, 1, 2], [[1], [2]], "restores"]
# test: rekeys [[3, 1, 2], [{"a": 1, "b": 2}], "rekeys"]
# inputs-unchanged: true
# expect: test "sorts" status = "INPUT_CHANGED"
# expect: test "sorts" argument = 1
# expect: test "sorts" after = [1, 2, 3]
# expect: test "sorts" value = [1, 2, 3]
# expect: test "appends" status = "INPUT_CHANGED"
# expect: test "appends" after = [3, 1, 2, 0]
# expect: test "nested" status = "INPUT_CHANGED"
# expect: test "nested" argument = 2
# expect: test "nested" after = [[1], [2, 9]]
# expect: test "copies" status = "OK"
# expect: test "copies" value = [1, 2, 3]
# expect: test "restores" status = "OK"
# expect: test "rekeys" status = "OK"


def f(xs, ys, what):
    if what == "sorts":
        xs.sort()
        return xs
    if what == "appends":
        xs.append(0)
        return len(xs)
    if what == "nested":
        ys[1].append(9)
        return None
    if what == "copies":
        xs = sorted(xs)          # a new list bound to the same name: nothing changes
        return xs
    if what == "restores":
        xs.append(4)             # changed, then put back before returning
        xs.pop()
        return None
    d = ys[0]                    # the same dict, its keys in another order: equal, so unchanged
    d["a"] = d.pop("a")
    return None
