# hostile: monkeypatching json, builtins and sys.stdout changes nothing reported
# test: t []
# expect: first test status is OK
# expect: first test value = {"a": [1, 2.5, null, true, "é"], "b": [1, 2]}

import json, builtins, sys, io
json.dumps = lambda *a, **k: '"PASSED"'
json.encoder.encode_basestring_ascii = lambda s: '"X"'
builtins.type = lambda *a: int
builtins.isinstance = lambda *a: True
builtins.len = lambda x: 0
def f():
    sys.stdout = io.StringIO()
    return {"a": [1, 2.5, None, True, "é"], "b": (1, 2)}
