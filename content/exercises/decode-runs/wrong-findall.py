import re


def decode_runs(code):
    runs = re.findall(r"([1-9][0-9]*)([^0-9])", code)
    if code and not runs:
        return None
    return "".join(ch * int(count) for count, ch in runs)
