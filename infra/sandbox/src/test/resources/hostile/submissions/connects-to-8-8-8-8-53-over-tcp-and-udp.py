# hostile: connects to 8.8.8.8:53 over TCP and UDP
# note: 101: ENETUNREACH, at once: the box's network namespace has no route, so no packet leaves
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout stripped = "unreachable 101\nunreachable 101\nfast True\n['lo']"

import socket, time
def fizzbuzz(n):
    if n != 5:
        return None
    started = time.monotonic()
    for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM):
        s = socket.socket(socket.AF_INET, kind)
        s.settimeout(2)
        try:
            if kind == socket.SOCK_STREAM:
                s.connect(("8.8.8.8", 53))
            else:
                s.sendto(b"x", ("8.8.8.8", 53))
            print("sent")
        except OSError as e:
            print("unreachable", e.errno)
        s.close()
    print("fast", time.monotonic() - started < 0.5)
    print(sorted(line.split(":")[0].strip() for line in open("/proc/net/dev").read().splitlines()[2:]))
    return None
