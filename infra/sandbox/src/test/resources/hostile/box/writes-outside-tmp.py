# hostile: writes to /, /usr, /dev, /dev/shm and the runner, and 64 MiB into the 16 MiB /tmp
# test: t []
# expect: first test status is OK
# expect: first test value/~1x != "written"
# expect: first test value/~1usr~1x != "written"
# expect: first test value/~1dev~1x != "written"
# expect: first test value/~1dev~1shm~1x != "written"
# expect: first test value/~1sandbox~1runner.py != "written"
# expect: first test value/~1tmp~1x = "written"
# expect: first test value/big != "written"

def f():
    out = {}
    for p in ["/x", "/usr/x", "/dev/x", "/dev/shm/x", "/sandbox/runner.py", "/tmp/x"]:
        try:
            with open(p, "w") as fh:
                fh.write("x")
            out[p] = "written"
        except OSError as e:
            out[p] = type(e).__name__
    try:
        with open("/tmp/big", "wb") as fh:
            for _ in range(64):
                fh.write(b"x" * (1 << 20))
        out["big"] = "written"
    except OSError as e:
        out["big"] = e.strerror
    return out
