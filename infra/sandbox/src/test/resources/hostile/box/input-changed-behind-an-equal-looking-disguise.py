# hostile: changes its argument, then tries to hide it: patches copy.deepcopy, json, operator and builtins, puts objects whose __eq__ is always true (a str subclass, a class whose metaclass says every type equals it) in its place, returns an object equal to everything
# test: disguise [[3, 1, 2], {"k": 1}, "disguise"]
# test: subclass [[3, 1, 2], {"k": 1}, "subclass"]
# test: key [[3, 1, 2], {"k": 1}, "key"]
# test: float [[3, 1, 2], {"k": 1}, "float"]
# test: bool [[3, 1, 2], {"k": 1}, "bool"]
# test: metaclass [[3, 1, 2], {"k": 1}, "metaclass"]
# inputs-unchanged: true
# expect: every test status = "INPUT_CHANGED"
# expect: test "disguise" argument = 1
# expect: test "disguise" after absent
# expect: test "key" argument = 2
# expect: test "float" after = [3.0, 1, 2]
# expect: test "bool" after = [3, true, 2]


import _operator, builtins, copy, json, operator


class Same(int):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = int.__hash__


class Key(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


class EveryType(type):
    def __eq__(cls, other):
        return True

    __hash__ = type.__hash__


class Chameleon(int, metaclass=EveryType):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


class Everything(list):
    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False


copy.deepcopy = copy.copy = lambda x, *a: x
json.loads = lambda *a, **k: [[3, 1, 2], {"k": 1}, "disguise"]
json.dumps = lambda *a, **k: "[[3, 1, 2], {\"k\": 1}]"
operator.eq = lambda a, b: True
operator.ne = lambda a, b: False
operator.is_ = _operator.is_ = lambda a, b: True
builtins.type = lambda *a: list
builtins.len = lambda x: 3
builtins.isinstance = lambda *a: True
builtins.zip = lambda *a: iter(())
builtins.map = lambda *a: iter(())
builtins.all = lambda *a: True


def f(xs, d, what):
    if what == "disguise":
        xs[0] = Same(99)
        return Everything()
    if what == "subclass":
        xs.__init__([Same(3), Same(1), Same(2)])
        return None
    if what == "key":
        v = d.pop("k")
        d[Key("k")] = v
        return None
    if what == "float":
        xs[0] = 3.0
        return None
    if what == "metaclass":
        xs[2] = Chameleon(7)
        return None
    xs[1] = True
    return None
