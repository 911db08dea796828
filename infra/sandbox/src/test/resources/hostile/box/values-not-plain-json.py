# hostile: values that are not plain JSON (always-equal objects, subclasses, sets, NaN, non-text keys) are NOT_JSON
# test: eq ["eq"]
# test: int ["int"]
# test: set ["set"]
# test: nan ["nan"]
# test: inf ["inf"]
# test: key ["key"]
# test: strsub ["strsub"]
# expect: every test status is NOT_JSON
# expect: every test value absent

class AlwaysEqual:
    def __eq__(self, other): return True
    def __hash__(self): return 0
class Sneaky(int):
    pass
def f(kind):
    if kind == "eq": return AlwaysEqual()
    if kind == "int": return Sneaky(3)
    if kind == "set": return {1, 2}
    if kind == "nan": return float("nan")
    if kind == "inf": return [1, float("inf")]
    if kind == "key": return {1: "a"}
    if kind == "strsub":
        class S(str): pass
        return [S("x")]
