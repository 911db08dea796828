# hostile: rotates correctly, then rewrites its input with look-alikes (int subclasses equal to everything) after patching copy, json, operator and builtins
# activity: rotate-list
# expect: submission status is FAILED
# expect: test "rotate right" status is INPUT_CHANGED
# expect: test "rotate right" message contains "before [1, 2, 3, 4, 5], after something that is not plain data"
# expect: test "rotate right" actual = [4, 5, 1, 2, 3]
# expect: test "empty list" status is PASSED
# expect: other tests status is INPUT_CHANGED|PASSED
# expect: hidden tests message lacks "before"

import builtins, copy, json, operator

copy.deepcopy = copy.copy = lambda x, *a: x
json.loads = lambda *a, **k: None
operator.eq = lambda a, b: True
_type, _len = builtins.type, builtins.len
builtins.type = lambda *a: list
builtins.isinstance = lambda *a: True


class Same(int):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = int.__hash__


class Any(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def rotate(items, k):
    if not items:
        return []
    k %= _len(items)
    result = items[-k:] + items[:-k] if k else items[:]
    items[:] = [Same(x) if _type(x) is int else Any(x) for x in items]
    return result
