# hostile: one huge allocation and a growing list hit the memory limit
# test: one ["one"]
# test: grow ["grow"]
# expect: every test status is MEMORY_LIMIT

def f(kind):
    if kind == "one":
        return len(bytearray(10**9))
    chunks = []
    while True:
        chunks.append(" " * 10**6)
