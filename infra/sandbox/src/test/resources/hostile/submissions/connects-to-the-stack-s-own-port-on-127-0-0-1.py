# hostile: connects to the stack's own port on 127.0.0.1
# note: 111: ECONNREFUSED: the box's own loopback, where nothing listens
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout stripped = "refused 111\nhttp failed"

import socket, urllib.request
def fizzbuzz(n):
    if n != 5:
        return None
    s = socket.socket()
    s.settimeout(2)
    try:
        s.connect(("127.0.0.1", {PORT}))
        print("connected")
    except OSError as e:
        print("refused", e.errno)
    try:
        urllib.request.urlopen("http://127.0.0.1:{PORT}/dev/token", data=b'{"sub":"x"}', timeout=2)
        print("http answered")
    except OSError:
        print("http failed")
    return None
