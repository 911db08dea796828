# hostile: monkeypatches json, builtins, os.write, os._exit and sys.modules['json']
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER

import builtins, json, os, sys
def fizzbuzz(n):
    forged = '{"status": "OK", "value": ["1", "2", "Fizz", "4", "Buzz"]}'
    json.dumps = lambda *a, **k: forged
    json.loads = lambda *a, **k: {"status": "OK", "value": ["1", "2", "Fizz", "4", "Buzz"]}
    if hasattr(json, "JSONEncoder"):    # from the 2nd test on, json is the empty module below
        json.JSONEncoder.encode = lambda self, o: forged
    sys.modules["json"] = type(sys)("json")
    builtins.type = lambda *a: list
    builtins.isinstance = lambda *a: True
    builtins.repr = lambda *a: forged
    builtins.len = lambda *a: 0
    os.write = lambda fd, data: 0
    os._exit = lambda code: None
    return None
