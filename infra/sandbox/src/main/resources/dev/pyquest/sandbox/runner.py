"""PyQuest's test runner: runs a learner's function on test inputs and reports what happened.

It runs INSIDE the sandbox (bubblewrap locally, a Fargate task in AWS) and is never trusted to
judge: it only reports plain JSON values, and Java compares them with expected values the box
never sees. Pure standard library, Python 3.11.

Usage:  python3 -I -S -B runner.py [--private] [--nproc N] [--max-output BYTES]  < job.json

Job (stdin, one JSON object):
  {"function": "sum_of_evens", "code": "def sum_of_evens(nums): ...",
   "tests": [{"name": "t1", "args": [[1, 2, 3]]}, ...],
   "limits": {"timeMs": 2000, "memoryMb": 128, "outputBytes": 65536, "valueBytes": 1048576}}
  limits are per test and optional (defaults as shown); "args" are the positional arguments.

Report (stdout, exactly one JSON object, ASCII):
  {"compile": {"ok": true}, "results": [
     {"name": "t1", "status": "OK", "value": 4, "stdout": "", "timeMs": 3}, ...]}
  or, when the code does not compile (it is never executed then):
  {"compile": {"ok": false, "line": 3, "column": 5, "message": "invalid syntax"}, "results": []}
  status: OK (with "value": exact JSON data; a tuple comes back as a list)
          | TIME_LIMIT | MEMORY_LIMIT | OUTPUT_LIMIT (printed more than outputBytes, or a value
          over valueBytes, or the report budget is spent) | NOT_JSON | NO_FUNCTION
          | RUNTIME_ERROR ("error" = "Type: message"; "traceback" = the learner's own frames
          only, file "<solution>", when there are any). Exiting instead of returning (exit(),
          sys.exit, os._exit, a signal) is a RUNTIME_ERROR, never OK.
  Every result has "name", "status", "stdout" (what the test printed, at most outputBytes bytes,
  decoded as UTF-8 with replacement) and "timeMs"; every non-OK result has "error" (a
  human-readable reason); "stderr" (at most 8 KiB) is added when the test wrote to it.
  A malformed job gives {"error": "..."} and exit status 2; other non-zero exits are faults.

Options:
  --private      we are init (pid 1) of a private pid namespace with a private /tmp (the bubblewrap
                 box, started with --as-pid-1): after each test, kill and reap every other process
                 of the namespace and empty /tmp, so no process or file of one test reaches the
                 next. As init, we also cannot be killed by the tests' processes. Refused unless
                 our pid is 1.
  --nproc N      RLIMIT_NPROC for the test processes (counted per user namespace on Linux >= 5.14).
  --max-output B budget for the whole report (default 4 MiB); a test whose result would overflow
                 it is reported as OUTPUT_LIMIT without its value and output.

Each test runs in its own forked process: fresh module namespace (the code is executed anew),
arguments decoded from JSON, rlimits (address space, CPU, file size, no core, few files), its own
process group, a wall-clock timer kept by this parent, stdout/stderr read concurrently through
pipes, and the result sent back through a third pipe. The value is serialised in the test process
by helpers bound before the learner's code runs, accepting only exact dict (str keys), list,
tuple (as list), str, int, finite float, bool and None.
"""

import io
import json
import os
import resource
import select
import signal
import sys
import time

SOLUTION = "<solution>"
MAX_JOB_BYTES = 16 << 20
MAX_TESTS = 1000
MAX_NAME = 200
DEFAULT_LIMITS = {"timeMs": 2000, "memoryMb": 128, "outputBytes": 64 << 10, "valueBytes": 1 << 20}
LIMIT_RANGES = {"timeMs": (1, 120_000), "memoryMb": (16, 4096), "outputBytes": (0, 16 << 20),
                "valueBytes": (64, 16 << 20)}
STDERR_CAP = 8 << 10
MESSAGE_CAP = 2000
TRACEBACK_CAP = 8000
RESULT_OVERHEAD = 64 << 10          # the child's result is the value plus error/traceback text
MAX_DEPTH = 100                     # nesting of returned values (the Java side allows 200 overall)
MAX_INT_DIGITS = 2000               # the Java side's maxNumberLength
FILE_SIZE_LIMIT = 16 << 20
OPEN_FILES_LIMIT = 64
DRAIN_SECONDS = 0.2
CHILD_STATUSES = {"OK", "NOT_JSON", "RUNTIME_ERROR", "MEMORY_LIMIT", "NO_FUNCTION", "OUTPUT_LIMIT"}
EXIT_HARNESS_FAULT = 70


class BadJob(Exception):
    pass


# ----------------------------------------------------------------------------- the job

def parse_job(raw):
    try:
        job = json.loads(raw.decode("utf-8"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError) as e:
        raise BadJob("job is not JSON: %s" % e)
    if type(job) is not dict:
        raise BadJob("job must be a JSON object")
    function, code, tests = job.get("function"), job.get("code"), job.get("tests")
    if type(function) is not str or not function.isidentifier():
        raise BadJob("'function' must be a Python identifier")
    if type(code) is not str:
        raise BadJob("'code' must be a string")
    if type(tests) is not list or len(tests) > MAX_TESTS:
        raise BadJob("'tests' must be a list of at most %d tests" % MAX_TESTS)
    norm = []
    for i, t in enumerate(tests):
        if type(t) is not dict:
            raise BadJob("test %d is not an object" % i)
        name = t.get("name", "test%d" % (i + 1))
        if type(name) is not str or len(name) > MAX_NAME:
            raise BadJob("test %d: 'name' must be a string of at most %d characters" % (i, MAX_NAME))
        args = t.get("args", [])
        if type(args) is not list:
            raise BadJob("test %d: 'args' must be a list" % i)
        norm.append((name, json.dumps(args, ensure_ascii=False)))
    limits = dict(DEFAULT_LIMITS)
    given = job.get("limits", {})
    if type(given) is not dict:
        raise BadJob("'limits' must be an object")
    for key, (lo, hi) in LIMIT_RANGES.items():
        if key in given:
            v = given[key]
            if type(v) is not int or not lo <= v <= hi:
                raise BadJob("limits.%s must be an integer in [%d, %d]" % (key, lo, hi))
            limits[key] = v
    return function, code, norm, limits


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def compile_code(code):
    """(code object, None) or (None, compile report). Never executes anything."""
    try:
        return compile(code, SOLUTION, "exec", dont_inherit=True), None
    except SyntaxError as e:
        return None, {"ok": False, "line": e.lineno or 0, "column": e.offset or 0,
                      "message": _cap(str(e.msg), MESSAGE_CAP)}
    except (ValueError, RecursionError, MemoryError, OverflowError) as e:
        # ValueError: null bytes in the source; RecursionError: nested too deeply to compile.
        return None, {"ok": False, "line": 0, "column": 0,
                      "message": _cap("%s: %s" % (type(e).__name__, e), MESSAGE_CAP)}


def _cap(s, n):
    return s if len(s) <= n else s[:n] + "..."


# ----------------------------------------------------------------------------- the test process

def child_main(code_obj, source, function, args_json, limits, fds, nproc):
    """Runs in the forked test process. Never returns: ends with os._exit."""
    _exit = os._exit
    try:
        _child(code_obj, source, function, args_json, limits, fds, nproc)
    except BaseException:
        pass
    _exit(EXIT_HARNESS_FAULT)


def _child(code_obj, source, function, args_json, limits, fds, nproc):
    out_w, err_w, res_w, devnull = fds
    # Everything used once the learner's code has started is bound here, as locals of this frame
    # and of the closures below: patching json, builtins, sys, os or this module from the
    # learner's code changes nothing of what is reported.
    _exit, _write, _type, _len, _iter, _next, _id = os._exit, os.write, type, len, iter, next, id
    _callable, _isinstance, _repr, _set, _memoryview, _exec = callable, isinstance, repr, set, memoryview, exec
    _str, _int, _float, _bool, _list, _tuple, _dict = str, int, float, bool, list, tuple, dict
    _float_repr, _int_repr, _items, _dict_get = float.__repr__, int.__repr__, dict.items, dict.get
    _join, _encode = str.join, str.encode
    _BaseException, _MemoryError, _StopIteration, _SystemExit = BaseException, MemoryError, StopIteration, SystemExit
    from _json import encode_basestring_ascii as _enc_str   # the C encoder, taken before user code
    _solution, _message_cap, _traceback_cap = SOLUTION, MESSAGE_CAP, TRACEBACK_CAP
    _max_depth, _max_digits = MAX_DEPTH, MAX_INT_DIGITS
    _inf = float("inf")
    _big = 10 ** MAX_INT_DIGITS
    value_cap = limits["valueBytes"]
    src_lines = source.splitlines()

    def _cut(s, n):
        return s if _len(s) <= n else s[:n] + "..."

    os.setpgid(0, 0)
    for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2, signal.SIGALRM,
                signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(sig, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)       # a too-big file raises OSError instead
    os.dup2(devnull, 0)
    os.dup2(out_w, 1)
    os.dup2(err_w, 2)
    if res_w != 3:
        os.dup2(res_w, 3)
    res = 3
    _close_inherited_fds(4)
    os.set_inheritable(res, False)
    sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False), encoding="utf-8")
    out = io.TextIOWrapper(io.BufferedWriter(io.FileIO(1, "w", closefd=False)), encoding="utf-8",
                           errors="backslashreplace", line_buffering=True)
    err = io.TextIOWrapper(io.BufferedWriter(io.FileIO(2, "w", closefd=False)), encoding="utf-8",
                           errors="backslashreplace", line_buffering=True)
    sys.stdout = sys.__stdout__ = out
    sys.stderr = sys.__stderr__ = err

    def finish(data):
        """Sends the result (bytes) and ends the test process."""
        for stream in (out, err):
            try:
                stream.flush()
            except _BaseException:
                pass
        view = _memoryview(data)
        while view:
            view = view[_write(res, view):]
        _exit(0)

    def status_text(status, error=None, traceback=None):
        parts = ['{"status":', _enc_str(status)]
        if error is not None:
            parts += [',"error":', _enc_str(error)]
        if traceback is not None:
            parts += [',"traceback":', _enc_str(traceback)]
        parts.append("}")
        return _encode(_join("", parts), "ascii")

    def report(status, error=None):
        finish(status_text(status, error))

    memory_report = status_text("MEMORY_LIMIT", "MemoryError: the test used more memory than allowed")

    def type_name(t):
        try:
            name = t.__name__
            return name if _type(name) is _str else "?"
        except _BaseException:
            return "?"

    def describe(exc):
        name = type_name(_type(exc))
        try:
            msg = _str(exc)
            if _type(msg) is not _str:
                msg = ""
        except _BaseException:
            msg = "<unprintable message>"
        return _cut(name + ": " + msg if msg else name, _message_cap)

    def learner_traceback(exc, error_line):
        frames = []
        tb = exc.__traceback__
        while tb is not None:
            co = tb.tb_frame.f_code
            if co.co_filename == _solution:
                frames.append((tb.tb_lineno, co.co_name))
            tb = tb.tb_next
        if not frames:
            return error_line
        lines = ["Traceback (most recent call last):"]
        shown = frames if _len(frames) <= 12 else frames[:4] + [(None, _len(frames) - 10)] + frames[-6:]
        for lineno, name in shown:
            if lineno is None:
                lines.append("  [... %d more frames ...]" % name)
                continue
            lines.append('  File "%s", line %s, in %s' % (_solution, lineno, name))
            if lineno is not None and 0 < lineno <= _len(src_lines):
                text = src_lines[lineno - 1].strip()
                if text:
                    lines.append("    " + text[:200])
        lines.append(error_line)
        return _cut(_join("\n", lines), _traceback_cap)

    def failure_text(exc, when):
        if _isinstance(exc, _MemoryError):
            return memory_report
        error = describe(exc)
        if _isinstance(exc, _SystemExit):
            try:
                code = _cut(_repr(exc.code), 100)
            except _BaseException:
                code = "?"
            error = "SystemExit: the code called exit(%s) %s" % (code, when)
        return status_text("RUNTIME_ERROR", error, learner_traceback(exc, error))

    def run_phase(call, when):
        """call()'s value, or the test ends with the failure reported. A MemoryError is reported
        after its traceback (and the memory it holds) has been let go."""
        oom, text = False, None
        try:
            return call()
        except _MemoryError:
            oom = True
        except _BaseException as e:
            try:
                text = failure_text(e, when)
            except _MemoryError:
                oom = True
            except _BaseException:
                text = status_text("RUNTIME_ERROR", "Error: the test failed in a way that cannot be described")
        finish(memory_report if oom else text)

    class NotJson(Exception):
        pass

    class TooBig(Exception):
        pass

    def serialise(root):
        """Exact plain-JSON types only, iteratively (immune to the learner's recursion limit)."""
        parts, size = [], 0
        stack, on_path = [], _set()
        value = root
        while True:
            t = _type(value)
            if t is _str:
                s = _enc_str(value)
            elif value is None:
                s = "null"
            elif t is _bool:
                s = "true" if value else "false"
            elif t is _int:
                if not -_big < value < _big:
                    raise NotJson("an integer with more than %d digits" % _max_digits)
                s = _int_repr(value)
            elif t is _float:
                if not -_inf < value < _inf:
                    raise NotJson("a float that is not finite (%s)" % _float_repr(value))
                s = _float_repr(value)
            elif t is _list or t is _tuple or t is _dict:
                if _len(stack) >= _max_depth:
                    raise NotJson("a value nested more than %d levels deep" % _max_depth)
                ident = _id(value)
                if ident in on_path:
                    raise NotJson("a value that contains itself")
                on_path.add(ident)
                if t is _dict:
                    stack.append([True, _iter(_items(value)), True, ident, value])
                    s = "{"
                else:
                    stack.append([False, _iter(value), True, ident, value])
                    s = "["
            else:
                raise NotJson("a value of type %s" % _cut(type_name(t), 100))
            parts.append(s)
            size += _len(s)
            if size > value_cap:
                raise TooBig()
            # find the next value to write, closing the containers that are done
            while stack:
                frame = stack[-1]
                try:
                    item = _next(frame[1])
                except _StopIteration:
                    stack.pop()
                    on_path.discard(frame[3])
                    parts.append("}" if frame[0] else "]")
                    size += 1
                    continue
                sep = "" if frame[2] else ","
                frame[2] = False
                if frame[0]:
                    key, value = item
                    if _type(key) is not _str:
                        raise NotJson("a dict with a key of type %s" % _cut(type_name(_type(key)), 100))
                    k = _enc_str(key)
                    parts.append(sep + k + ":")
                    size += _len(k) + 1 + _len(sep)
                else:
                    value = item
                    if sep:
                        parts.append(sep)
                        size += 1
                break
            else:
                if size > value_cap:
                    raise TooBig()
                return _join("", parts)

    # Limits. Address space: what this process already maps plus memoryMb for the learner.
    try:
        with open("/proc/self/statm", "rb") as f:
            base = int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        base = 64 << 20
    mem = base + (limits["memoryMb"] << 20)
    cpu = (limits["timeMs"] + 999) // 1000 + 1
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
    resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES_LIMIT, OPEN_FILES_LIMIT))
    if nproc is not None:
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
    resource.setrlimit(resource.RLIMIT_AS, (mem, mem))

    args = json.loads(args_json)
    namespace = {"__name__": "solution", "__builtins__": __builtins__}
    sys.modules["__main__"] = type(sys)("__main__")     # `import __main__` no longer reaches us

    # ---- the learner's code runs from here on
    run_phase(lambda: _exec(code_obj, namespace), "while the module was loading")
    fn = _dict_get(namespace, function)
    if fn is None or not _callable(fn):
        report("NO_FUNCTION", "the code does not define a function named %s()" % function)
    value = run_phase(lambda: fn(*args), "instead of returning")
    oom = False
    try:
        data = _encode('{"status":"OK","value":' + serialise(value) + "}", "ascii")
    except NotJson as e:
        report("NOT_JSON", "the function returned " + e.args[0])
    except TooBig:
        report("OUTPUT_LIMIT", "the returned value is larger than %d bytes as JSON" % value_cap)
    except _MemoryError:
        oom = True
    except _BaseException as e:      # e.g. a dict changed size while being written (threads)
        report("RUNTIME_ERROR", "RuntimeError: the returned value could not be read: " + describe(e))
    if oom:
        value = None
        finish(memory_report)
    value = None
    finish(data)


# ----------------------------------------------------------------------------- the parent

class Test:
    def __init__(self, name, limits):
        self.name = name
        self.limits = limits
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.result = bytearray()
        self.verdict = None        # TIME_LIMIT / OUTPUT_LIMIT decided by the parent
        self.error = None


def run_test(code_obj, source, function, name, args_json, limits, opts, devnull):
    t = Test(name, limits)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    res_r, res_w = os.pipe()
    start = time.monotonic()
    deadline = start + limits["timeMs"] / 1000.0
    try:
        pid = os.fork()
    except OSError as e:
        for fd in (out_r, out_w, err_r, err_w, res_r, res_w):
            os.close(fd)
        return {"name": name, "status": "RUNTIME_ERROR", "stdout": "", "timeMs": 0,
                "error": "RunnerError: the test process could not be started (%s)" % e.strerror}
    if pid == 0:
        child_main(code_obj, source, function, args_json, limits, (out_w, err_w, res_w, devnull), opts["nproc"])
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    for fd in (out_w, err_w, res_w):
        os.close(fd)
    pidfd = None
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pass
    # fd -> [buffer, cap, verdict when over the cap (None: drop the excess)]
    streams = {out_r: [t.stdout, limits["outputBytes"], "stdout"],
               err_r: [t.stderr, STDERR_CAP, None],
               res_r: [t.result, limits["valueBytes"] + RESULT_OVERHEAD, "value"]}
    poller = select.poll()
    for fd in streams:
        os.set_blocking(fd, False)
        poller.register(fd, select.POLLIN)
    if pidfd is not None:
        poller.register(pidfd, select.POLLIN)
    open_fds = set(streams)
    status = None
    while t.verdict is None:
        now = time.monotonic()
        if now >= deadline:
            t.verdict = "TIME_LIMIT"
            break
        wait_ms = (deadline - now) * 1000.0
        if pidfd is None:
            wait_ms = min(wait_ms, 10.0)
        child_gone = False
        for fd, _ in poller.poll(max(1, int(wait_ms + 0.999))):
            if fd == pidfd:
                child_gone = True
            else:
                _read_into(t, fd, streams, open_fds, poller, 1)
        if pidfd is None:
            got, st, ru = os.wait4(pid, os.WNOHANG)
            if got == pid:
                status = (st, ru)
                child_gone = True
        if child_gone:
            break
    elapsed = time.monotonic() - start
    # The test is over: nothing of it may outlive it.
    _kill_group(pid)
    if opts["private"]:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if status is None:
        _, st, ru = os.wait4(pid, 0)
        status = (st, ru)
    if opts["private"]:
        _reap_everything_else()
    if pidfd is not None:
        poller.unregister(pidfd)
        os.close(pidfd)
    # What the test process wrote before it ended is in the pipes: drain it (bounded in time and
    # size; a leftover writer without --private cannot hold us up).
    drain_until = time.monotonic() + DRAIN_SECONDS
    while open_fds and t.verdict != "OUTPUT_LIMIT" and time.monotonic() < drain_until:
        ready = poller.poll(0)
        if not ready:
            break
        for fd, _ in ready:
            _read_into(t, fd, streams, open_fds, poller, 16)
    for fd in streams:
        os.close(fd)
    if opts["private"]:
        _empty_tmp()
    return _classify(t, status, elapsed)


def _read_into(t, fd, streams, open_fds, poller, max_chunks):
    """Reads what the pipe holds (up to max_chunks reads); sets t.verdict when a cap is passed."""
    buf, cap, over = streams[fd]
    for _ in range(max_chunks):
        try:
            chunk = os.read(fd, 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            open_fds.discard(fd)
            poller.unregister(fd)
            return
        room = cap - len(buf)
        if len(chunk) <= room:
            buf += chunk
            continue
        if room > 0:
            buf += chunk[:room]
        if over == "stdout":
            t.verdict = "OUTPUT_LIMIT"
            t.error = "the test printed more than %d bytes" % cap
            return
        if over == "value":
            t.verdict = "OUTPUT_LIMIT"
            t.error = "the returned value is larger than %d bytes as JSON" % t.limits["valueBytes"]
            t.result.clear()
            return


def _close_inherited_fds(lowest):
    """Closes every fd >= lowest. Only the open ones are listed and closed: closerange() over the
    whole fd space falls back to one close() per number here and cost ~20 ms per test."""
    try:
        fds = [int(n) for n in os.listdir("/proc/self/fd")]
    except (OSError, ValueError):
        os.closerange(lowest, 1 << 16)
        return
    for fd in fds:
        if fd >= lowest:
            try:
                os.close(fd)
            except OSError:
                pass     # the listing's own fd, already closed


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _reap_everything_else():
    """As the pid namespace's init, every process left is our (adopted) descendant: kill(-1)
    until wait() says we have no child at all, so none outlives the test or counts against the
    pids limit of the next one."""
    deadline = time.monotonic() + 2.0
    while True:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
        try:
            got, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if got == 0:
            if time.monotonic() > deadline:
                return
            time.sleep(0.001)


def _empty_tmp(root="/tmp"):
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        path = entry.path
        try:
            if entry.is_dir(follow_symlinks=False):
                try:
                    os.chmod(path, 0o700)
                except OSError:
                    pass
                _empty_tmp(path)
                os.rmdir(path)
            else:
                os.unlink(path)
        except (OSError, RecursionError):
            pass


def _classify(t, status, elapsed):
    st, ru = status
    result = {"name": t.name, "status": None}
    time_ms = int(elapsed * 1000)
    cpu_used = ru.ru_utime + ru.ru_stime
    cpu_limit = (t.limits["timeMs"] + 999) // 1000 + 1
    if t.verdict == "TIME_LIMIT":
        result["status"] = "TIME_LIMIT"
        result["error"] = "the test ran longer than %d ms" % t.limits["timeMs"]
    elif t.verdict == "OUTPUT_LIMIT":
        result["status"] = "OUTPUT_LIMIT"
        result["error"] = t.error
    elif os.WIFSIGNALED(st):
        sig = os.WTERMSIG(st)
        signame = _signame(sig)
        maxrss = ru.ru_maxrss * 1024
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_used >= cpu_limit - 0.05):
            result["status"] = "TIME_LIMIT"
            result["error"] = "the test used more than %d s of CPU time" % (cpu_limit - 1)
        elif sig == signal.SIGKILL and maxrss >= (t.limits["memoryMb"] << 20) // 2:
            result["status"] = "MEMORY_LIMIT"
            result["error"] = "the test was killed using %d MiB of memory" % (maxrss >> 20)
        else:
            result["status"] = "RUNTIME_ERROR"
            hint = " (too deep a recursion?)" if sig == signal.SIGSEGV else ""
            result["error"] = "Crash: the test process was killed by %s%s" % (signame, hint)
    else:
        code = os.WEXITSTATUS(st) if os.WIFEXITED(st) else -1
        report = _parse_child_result(bytes(t.result)) if code == 0 else None
        if report is None:
            result["status"] = "RUNTIME_ERROR"
            if code == EXIT_HARNESS_FAULT:
                result["error"] = "RunnerError: the test could not be run"
            else:
                result["error"] = ("SystemExit: the process exited (status %d) before the function returned"
                                   % code)
        else:
            result.update(report)
    result["stdout"] = bytes(t.stdout).decode("utf-8", "replace")
    if t.stderr:
        result["stderr"] = bytes(t.stderr).decode("utf-8", "replace")
    result["timeMs"] = time_ms
    return result


def _signame(sig):
    try:
        return signal.Signals(sig).name
    except ValueError:
        return "signal %d" % sig


def _parse_child_result(raw):
    """The test process's report, re-validated: it was written by a process running learner code."""
    if not raw:
        return None
    try:
        r = json.loads(raw.decode("ascii"), parse_constant=_reject_constant)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
    if type(r) is not dict or r.get("status") not in CHILD_STATUSES:
        return None
    out = {"status": r["status"]}
    if out["status"] == "OK":
        if "value" not in r or not _plain(r["value"], 0):
            return None
        out["value"] = r["value"]
    for key, cap in (("error", MESSAGE_CAP + 200), ("traceback", TRACEBACK_CAP + 10)):
        v = r.get(key)
        if v is not None:
            if type(v) is not str:
                return None
            out[key] = _cap(v, cap)
    return out


def _plain(v, depth):
    if depth > MAX_DEPTH:
        return False
    t = type(v)
    if t is list:
        return all(_plain(x, depth + 1) for x in v)
    if t is dict:
        return all(_plain(x, depth + 1) for x in v.values())
    return t in (str, int, float, bool, type(None))


def _emit(fd, data):
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _parse_args(argv):
    opts = {"private": False, "nproc": None, "max_output": 4 << 20}
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--private":
            opts["private"] = True
        elif a in ("--nproc", "--max-output") and i + 1 < len(argv):
            i += 1
            opts["nproc" if a == "--nproc" else "max_output"] = int(argv[i])
        else:
            raise BadJob("unknown option %s" % a)
        i += 1
    return opts


def _set_not_dumpable():
    """Test processes (same uid) must not reach our fds through /proc/<pid>/fd."""
    try:
        import ctypes
        ctypes.CDLL(None, use_errno=True).prctl(4, 0, 0, 0, 0)     # PR_SET_DUMPABLE, 0
    except Exception:
        pass


def main(argv):
    out_fd = os.dup(1)                      # our report channel; fd 1 itself goes to /dev/null
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        opts = _parse_args(argv)
        if opts["private"] and os.getpid() != 1:
            raise BadJob("--private needs to run as init of a private pid namespace (our pid is %d)" % os.getpid())
        raw = bytearray()
        while len(raw) <= MAX_JOB_BYTES:
            chunk = os.read(0, 1 << 20)
            if not chunk:
                break
            raw += chunk
        if len(raw) > MAX_JOB_BYTES:
            raise BadJob("job larger than %d bytes" % MAX_JOB_BYTES)
        function, code, tests, limits = parse_job(bytes(raw))
    except (BadJob, ValueError) as e:
        _emit(out_fd, json.dumps({"error": str(e)}).encode("ascii"))
        return 2
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2,
                signal.SIGALRM, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(sig, signal.SIG_IGN)          # a test process may not stop us with these
    _set_not_dumpable()

    code_obj, compile_error = compile_code(code)
    if compile_error is not None:
        doc = json.dumps({"compile": compile_error, "results": []}, ensure_ascii=True)
        _emit(out_fd, doc.encode("ascii"))
        return 0
    import gc
    gc.collect()
    gc.freeze()                                     # cheaper forks: no copy-on-write by the collector
    parts, used = [], 0
    for name, args_json in tests:
        r = run_test(code_obj, code, function, name, args_json, limits, opts, devnull)
        part = json.dumps(r, ensure_ascii=True, allow_nan=False)
        if used + len(part) > opts["max_output"]:
            part = json.dumps({"name": name, "status": "OUTPUT_LIMIT",
                               "error": "the tests together produced too much output", "stdout": "",
                               "timeMs": r["timeMs"]}, ensure_ascii=True)
        used += len(part)
        parts.append(part)
    doc = '{"compile":{"ok":true},"results":[' + ",".join(parts) + "]}"
    _emit(out_fd, doc.encode("ascii"))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
