# hostile: plants symlinks to host paths, result-like names, a FIFO and a locked folder in /tmp
# note: every test plants the same names: had /tmp not been emptied in between, symlink() would fail with FileExistsError (a RUNTIME_ERROR); 18: EXDEV: /tmp is the box's own tmpfs, no hard link reaches a host file
# activity: fizzbuzz
# expect: submission status is FAILED
# expect: every test status is WRONG_ANSWER
# expect: first test stdout contains "no hard link to /sandbox/runner.py (18)"
# expect: first test stdout contains "no hard link to /usr/bin/python3 (18)"

import os
def fizzbuzz(n):
    made = []
    for target, link in (("{CANARY}", "/tmp/result.json"), ("/etc/passwd", "/tmp/report.json"),
                         ("{DATA}/jobs/results", "/tmp/results"), ("/", "/tmp/root"),
                         ("/proc/1/root", "/tmp/init-root"), ("/sandbox/runner.py", "/tmp/runner.py"),
                         ("{CANARY}", "/tmp/result")):
        os.symlink(target, link)
        made.append(link)
    for source in ("/sandbox/runner.py", "/usr/bin/python3"):
        try:
            os.link(source, "/tmp/hard-" + os.path.basename(source))
            made.append("hard link to " + source)
        except OSError as e:
            made.append("no hard link to %s (%d)" % (source, e.errno))
    os.mkfifo("/tmp/result.fifo")
    os.makedirs("/tmp/locked/inner")
    os.symlink("{CANARY}", "/tmp/locked/inner/canary")
    os.chmod("/tmp/locked/inner", 0)
    os.chmod("/tmp/locked", 0)
    print(made)
    return None
