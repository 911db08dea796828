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
  "inputsUnchanged": true (optional, per test) asks that the call leave its arguments as they were:
  after the call, each argument is compared with the test's "args" decoded anew (exact JSON types,
  no method of the learner's objects called; see changed_argument) and a difference makes the test
  INPUT_CHANGED whatever the function returned.
  "hidden": true (optional) marks a job of hidden tests: the report then carries, per test, only
  what the runner itself decides (name, status, the returned value when OK, timeMs) and a fixed
  text per status; nothing the test printed or raised, nothing a forged result frame said.

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
          | INPUT_CHANGED (the test has inputsUnchanged and argument number "argument", from 1, was
          changed in place; "after": what it became and "value": what the function returned, each
          when it is plain data; a hidden test carries neither, nor the position)
          | NOT_RUN: an earlier test of the job ran out of time (TIME_LIMIT), so the job's outcome
          is settled and the rest is not run: a runaway program costs one time limit, not one per test.
  Every result has "name", "status", "stdout" (what the test printed, at most outputBytes bytes,
  decoded as UTF-8 with replacement) and "timeMs"; every non-OK result has "error" (a
  human-readable reason); "stderr" (at most 8 KiB) is added when the test wrote to it.
  A malformed job gives {"error": "..."} and exit status 2; other non-zero exits are faults.

System calls. Before anything else, the runner installs a seccomp filter that it and every
process of the box inherit (see install_syscall_filter): file locks, leases and directory
notifications (flock, fcntl F_*LK*, F_SETLEASE, F_NOTIFY), inotify and fanotify, mincore (page
cache residency), perf events, userfaultfd, keyrings, io_uring, ptrace and process_vm_*, kcmp,
bpf, handles, namespaces and mounts fail with EPERM. Locks and notifications on files of the
read-only mounts every box shares (/usr) are kernel objects common to all boxes: without the
filter, a box holding hidden inputs could signal them to a box whose output the learner sees.
Calls from another architecture's table (int 0x80, x32) fail the same way. A runner that cannot
install the filter refuses to run (exit status 2): no box runs without it.

Options:
  --private      we are init (pid 1) of a private pid namespace with a private /tmp (the bubblewrap
                 box, started with --as-pid-1): between two tests, no process but ours and the
                 test process may exist (otherwise every other process is killed and reaped and
                 a new test process takes over) and /tmp is emptied, so no process or file of one
                 test reaches the next. As init, we also cannot be killed by the tests' processes.
                 Refused unless our pid is 1.
  --nproc N      RLIMIT_NPROC for the test processes (counted per user namespace on Linux >= 5.14).
  --max-output B budget for the whole report (default 4 MiB); a test whose result would overflow
                 it is reported as OUTPUT_LIMIT without its value and output.

Test processes. A forked test process runs the tests one after the other, as long as nothing ends
it; every test still gets a fresh module namespace (the compiled code is executed anew, so the
function object is new), its arguments decoded from JSON anew (by the C decoder, bound before any
learner code), its own stdout/stderr capture and caps, its own wall-clock limit kept by this
parent, and its own status. The process has rlimits (address space: what it maps at its start plus
memoryMb; CPU: generous for all its tests, a backstop behind the per-test wall clock; file size,
no core, few files, nproc) and its own process group. The value is serialised in the test process
by helpers bound before the learner's code runs, accepting only exact dict (str keys), list,
tuple (as list), str, int, finite float, bool and None.

The first test process. It is forked when the runner starts, before the job is read (in a warm
box: before there is a job), and waits on a pipe of its own. Once the parent has read, checked
and compiled the job, it sends the same bytes on that pipe; the process parses and compiles them
itself and builds everything the parent would bind for it, all before any learner code runs, then
goes on as any test process. While it waits it goes once through that work on a job of its own,
so that its copy-on-write faults are not paid on the job's clock. Forking, and those faults, cost
~20 ms of a 3-test run on the job's clock otherwise. A bad job or a syntax error ends it unused;
when it cannot be forked or is gone before it gets the job, a test process is forked as below.

Result protocol. The parent writes "<i>\n" on a command pipe (fd 4 of the test process) to start
test i and nothing more until it has test i's result. The test process answers on the result
pipe (fd 3) with "B <i>\n" before the learner's code runs, then, after flushing the test's stdout
and stderr, "R <i> <length> <k|x>\n" and the result JSON; "x" means it ends after this test.
Everything the test printed is in the output pipes before its R frame, so the parent drains them
when the frame arrives and the output goes to the right test. The parent accepts for test i one
B i, then one R i, and nothing else: any other byte on the result pipe while test i is current
(a frame for another test, a second result, garbage) makes test i a RUNTIME_ERROR and its process
is replaced. A reused test process that dies or misbehaves before "B i" has not begun test i: it
is replaced and test i runs again in a fresh one (once; not after a time-out).

A new test process takes over (the old one is killed; with --private, every other process too,
and /tmp is emptied) when a test passes its time limit or output cap, when the process dies in
any way (crash, exit, os._exit, a signal, a limit: that test gets the status it always got),
after a MemoryError, and whenever the process cannot be vouched for after a test: it has more
than one thread, has a child process or reaped one, some other process exists, its fds 0-4 are
not the original ones or others are open, it maps more than min(GROWTH_SLACK, memoryMb / 8)
beyond what it mapped at its start, its memory peak
reached half of memoryMb (a later kill would read as MEMORY_LIMIT), or the test used gc or
ctypes introspection or added an audit hook. The parent checks threads, children, other processes
and the memory peak in /proc itself.

Between the tests of one process, the test process puts back: builtins (every name, added ones
removed), sys.stdin/stdout/stderr (new objects), sys.modules["__main__"], the recursion and
int-digit limits, trace and profile functions, signal handlers, the signal mask, interval timers,
the working directory and the umask. What CAN persist is the rest of the interpreter's state that
the learner's code changed on purpose: attributes of imported modules (json.loads, os.environ,
random's state, sys.path...), modules it imported, objects it stored in them, and code it left
to run later (a finalizer, a function stored in a module). None of this can earn a pass: the
expected values never enter the box (Java compares them with the reported ones), each reported
value is what this test's call of the function returned, serialised by helpers bound before any
learner code ran, and anything that leaks from one test into the next is the learner's own code
acting on its own later tests -- it could compute the same values within the test itself. At
worst such code can write a frame itself on fd 3 (as it could before, in the old one-process-
per-test design): that reports a value the learner could have returned anyway, and the protocol
above keeps it from shifting results between tests.
"""

import fcntl
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
MAX_ARGUMENTS = 1000                # an INPUT_CHANGED result names an argument by its position
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
GROWTH_SLACK = 8 << 20               # a test process that grew more (or memoryMb / 8) since its start is replaced
CHILD_STATUSES = {"OK", "NOT_JSON", "RUNTIME_ERROR", "MEMORY_LIMIT", "NO_FUNCTION", "OUTPUT_LIMIT", "INPUT_CHANGED"}
NOT_RUN_TEXT = "not run: an earlier test ran out of time"
# What a hidden test's result says, whatever the test printed, raised or wrote on the result
# channel: the runner's own words, chosen by the status alone (see "hidden" at the top).
HIDDEN_TEXTS = {
    "NOT_JSON": "the function returned something that is not plain data",
    "RUNTIME_ERROR": "the code raised an exception",
    "NO_FUNCTION": "the function is not defined",
    "TIME_LIMIT": "the test ran out of time",
    "MEMORY_LIMIT": "the test ran out of memory",
    "OUTPUT_LIMIT": "the test produced too much output",
    "NOT_RUN": NOT_RUN_TEXT,
    "INPUT_CHANGED": "the function changed an argument it was given",
}
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
        unchanged = t.get("inputsUnchanged", False)
        if type(unchanged) is not bool:
            raise BadJob("test %d: 'inputsUnchanged' must be true or false" % i)
        norm.append((name, json.dumps(args, ensure_ascii=False), unchanged))
    hidden = job.get("hidden", False)
    if type(hidden) is not bool:
        raise BadJob("'hidden' must be true or false")
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
    return function, code, norm, limits, hidden


def _reject_constant(name):
    raise ValueError("%s is not JSON" % name)


def compile_code(code):
    """(code object, None) or (None, compile report). Never executes anything."""
    try:
        return compile(code, SOLUTION, "exec", dont_inherit=True), None
    except SyntaxError as e:
        return None, {"ok": False, "line": e.lineno or 0, "column": e.offset or 0,
                      "message": _text(_cap(str(e.msg), MESSAGE_CAP))}
    except (ValueError, RecursionError, MemoryError, OverflowError) as e:
        # ValueError: null bytes in the source; RecursionError: nested too deeply to compile.
        return None, {"ok": False, "line": 0, "column": 0,
                      "message": _text(_cap("%s: %s" % (type(e).__name__, e), MESSAGE_CAP))}


def _cap(s, n):
    return s if len(s) <= n else s[:n] + "..."


# ----------------------------------------------------------------------------- the test process

def worker_main(setup, loop, fds, nproc, cpu_limit):
    """Runs in a forked test process. Never returns: ends with os._exit."""
    _exit = os._exit
    try:
        setup(fds, nproc, cpu_limit)
        loop()
    except BaseException:
        pass
    _exit(EXIT_HARNESS_FAULT)


def prepared_main(job_r, fds, nproc):
    """Runs in the first test process, forked before the job arrived (see "The first test process"
    at the top). Reads the job the parent checked and sends on job_r, builds what a test process
    runs from it as the parent would, then runs the tests. Never returns: ends with os._exit."""
    _exit = os._exit
    try:
        _rehearse()
        raw = bytearray()
        while len(raw) <= MAX_JOB_BYTES:
            chunk = os.read(job_r, 1 << 20)
            if not chunk:
                break
            raw += chunk
        os.close(job_r)
        if not raw:
            _exit(0)                    # no job for us: the parent ends without running tests
        function, code, tests, limits, _ = parse_job(bytes(raw))
        code_obj, error = compile_code(code)
        if error is not None:
            _exit(EXIT_HARNESS_FAULT)   # the parent compiled it first: cannot happen
        raw = None
        setup, loop = make_worker(code_obj, code, function, tuple(tests), limits)
        cpu_limit = test_cpu(limits) * len(tests)
    except BaseException:
        _exit(EXIT_HARNESS_FAULT)
    worker_main(setup, loop, fds, nproc, cpu_limit)


REHEARSAL = (b'{"function":"f","code":"def f(x):\\n    return [x, {\\"k\\": 1.5}]\\n",'
             b'"tests":[{"name":"t","args":[[1,"s",null,true,{"a":[]}]],"inputsUnchanged":true}],"limits":{"timeMs":1000}}')


def _rehearse():
    """Goes once through what the job will need (parse_job, compile_code, make_worker) on a job of
    our own, while we still wait for the real one: a freshly forked process pays a copy-on-write
    fault for every page it first writes to (~8 ms of a 3-test run here), and this way it pays them
    before the job's clock starts. Nothing of it is kept."""
    try:
        function, code, tests, limits, _ = parse_job(REHEARSAL)
        make_worker(compile_code(code)[0], code, function, tuple(tests), limits)
    except BaseException:
        pass


def test_cpu(limits):
    """RLIMIT_CPU seconds one test has: its time limit rounded up, plus one."""
    return (limits["timeMs"] + 999) // 1000 + 1


def make_worker(code_obj, source, function, tests, limits):
    """Builds, before any learner code runs, the functions a test process runs: (setup, loop). A
    replacement test process gets them from the parent (built once per job, they cost it no
    copy-on-write faults of its own); the first one builds its own (see prepared_main)."""
    # Everything used once the learner's code has started is bound here, as locals of this frame
    # and of the closures below: patching json, builtins, sys, os or this module from the
    # learner's code changes nothing of what is reported.
    _exit, _write, _read, _type, _len, _iter, _next, _id = os._exit, os.write, os.read, type, len, iter, next, id
    _callable, _isinstance, _repr, _set, _memoryview, _exec = callable, isinstance, repr, set, memoryview, exec
    _zip, _range, _map, _all = zip, range, map, all
    from _operator import is_ as _is      # identity: a type's own __eq__ (a metaclass's) never runs
    scalar_types = frozenset((str, int, float, bool, type(None)))
    _str, _int, _float, _bool, _list, _tuple, _dict, _bytes = str, int, float, bool, list, tuple, dict, bytes
    _float_repr, _int_repr, _items, _dict_get = float.__repr__, int.__repr__, dict.items, dict.get
    _dict_update, _dict_pop, _dict_keys = dict.update, dict.pop, dict.keys
    _join, _encode, _endswith, _isascii = str.join, str.encode, bytes.endswith, str.isascii
    _BaseException, _MemoryError, _StopIteration, _SystemExit = BaseException, MemoryError, StopIteration, SystemExit
    _listdir, _fstat, _chdir, _umask, _open, _close = os.listdir, os.fstat, os.chdir, os.umask, os.open, os.close
    _O_RDONLY = os.O_RDONLY
    _FileIO, _BufferedWriter, _TextIOWrapper = io.FileIO, io.BufferedWriter, io.TextIOWrapper
    _getsignal, _setsignal, _setitimer, _sigmask = signal.getsignal, signal.signal, signal.setitimer, signal.pthread_sigmask
    _sigpending = signal.sigpending
    _itimers = (signal.ITIMER_REAL, signal.ITIMER_VIRTUAL, signal.ITIMER_PROF)
    _SIG_SETMASK, _SIG_DFL, _SIG_IGN = signal.SIG_SETMASK, signal.SIG_DFL, signal.SIG_IGN
    _SIGINT, _SIGXFSZ, _default_int_handler = int(signal.SIGINT), int(signal.SIGXFSZ), signal.default_int_handler
    default_signals = tuple(int(sig) for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2,
                                                 signal.SIGALRM, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN,
                                                 signal.SIGTTOU))
    _sys = sys
    _setrecursionlimit, _settrace, _setprofile = sys.setrecursionlimit, sys.settrace, sys.setprofile
    _set_digits = getattr(sys, "set_int_max_str_digits", None)
    _modules = sys.modules
    _module_type = type(sys)
    import builtins as _builtins
    _bdict = _builtins.__dict__
    builtins_snapshot = dict(_bdict)     # the parent never runs learner code: these are the originals
    from _json import encode_basestring_ascii as _enc_str   # the C encoder, taken before user code
    from _json import make_scanner as _make_scanner
    _scan = _make_scanner(json.JSONDecoder())               # the C decoder: args are read with it
    _solution, _message_cap, _traceback_cap = SOLUTION, MESSAGE_CAP, TRACEBACK_CAP
    _max_depth, _max_digits = MAX_DEPTH, MAX_INT_DIGITS
    _inf = float("inf")
    _big = 10 ** MAX_INT_DIGITS
    value_cap = limits["valueBytes"]
    src_lines = source.splitlines()
    ntests = len(tests)
    page = os.sysconf("SC_PAGE_SIZE")
    recursion_baseline = sys.getrecursionlimit()
    digits_baseline = sys.get_int_max_str_digits() if _set_digits is not None else None
    fd_names = {"0", "1", "2", "3", "4"}
    enumerate_fds = enumerate
    res, ctl = 3, 4
    # What setup() finds in the test process and restore()/clean() compare with.
    st = {"used": False, "suspect": False, "signals": {}, "mask": None, "cwd": "/", "umask": 0o022, "fds": None, "grown": 0}
    # Introspection that reaches this runner's own objects (and so could leave something behind
    # that acts in the next test) retires the process after the test.
    suspect_events = frozenset({"sys.addaudithook", "gc.get_objects", "gc.get_referrers", "gc.get_referents",
                                "sys._current_frames"})

    def _cut(s, n):
        return s if _len(s) <= n else s[:n] + "..."

    def mapped():
        fd = _open("/proc/self/statm", _O_RDONLY)
        try:
            return _int(_read(fd, 200).split()[0]) * page
        finally:
            _close(fd)

    def audit(event, args):
        if event in suspect_events or event[:7] == "ctypes.":
            st["suspect"] = True

    def setup(fds, nproc, cpu_limit):
        """The test process itself: its fds, signals and limits, once for all its tests."""
        out_w, err_w, res_w, ctl_r, devnull = fds
        os.setpgid(0, 0)
        for sig in default_signals:
            _setsignal(sig, _SIG_DFL)
        _setsignal(_SIGINT, _default_int_handler)
        _setsignal(_SIGXFSZ, _SIG_IGN)       # a too-big file raises OSError instead
        # fds 0-4: /dev/null, stdout, stderr, results, commands. The sources are moved above 4
        # first so that no dup2 overwrites a source still to be copied.
        sources = [fcntl.fcntl(fd, fcntl.F_DUPFD, 5) if fd < 5 else fd for fd in (devnull, out_w, err_w, res_w, ctl_r)]
        for target, fd in enumerate(sources):
            os.dup2(fd, target)
        _close_inherited_fds(5)
        os.set_inheritable(res, False)
        os.set_inheritable(ctl, False)
        # Address space: what this process already maps plus memoryMb for the learner.
        try:
            base = mapped()
        except (OSError, ValueError, IndexError):
            base = 64 << 20
        mem = base + (limits["memoryMb"] << 20)
        st["grown"] = base + min(GROWTH_SLACK, (limits["memoryMb"] << 20) // 8)
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_limit, cpu_limit + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (FILE_SIZE_LIMIT, FILE_SIZE_LIMIT))
        resource.setrlimit(resource.RLIMIT_NOFILE, (OPEN_FILES_LIMIT, OPEN_FILES_LIMIT))
        if nproc is not None:
            resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        resource.setrlimit(resource.RLIMIT_AS, (mem, mem))
        # When the box's memory cgroup runs out, the kernel kills the test's processes first, never
        # the runner: a killed runner gives no report, which would read as our fault (ERROR).
        try:
            fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY)
            try:
                os.write(fd, b"1000")
            finally:
                os.close(fd)
        except OSError:
            pass
        # What quiesce() and restore() put back around the tests (see "Between the tests" at the top).
        signals = st["signals"]
        for sig in signal.valid_signals():
            try:
                handler = signal.getsignal(sig)
            except (ValueError, OSError):
                continue
            if handler is not None:
                signals[sig] = handler
        st["mask"] = signal.pthread_sigmask(signal.SIG_BLOCK, [])
        st["cwd"] = os.getcwd()
        st["umask"] = os.umask(0o022)
        os.umask(st["umask"])
        st["fds"] = [(s.st_dev, s.st_ino) for s in (os.fstat(fd) for fd in range(5))]
        sys.addaudithook(audit)

    streams = [None, None]     # this test's stdout and stderr wrappers

    def quiesce():
        """Stops what a test left to act on the process by itself (timers, trace hooks, signal
        handlers, blocked signals). False when that failed."""
        try:
            for sig in _itimers:
                _setitimer(sig, 0)
            _settrace(None)
            _setprofile(None)
            if _sigpending():
                return False        # a blocked signal waits: unblocking it here would end this test
            for sig, handler in _items(st["signals"]):
                if _getsignal(sig) is not handler:
                    _setsignal(sig, handler)
            _sigmask(_SIG_SETMASK, st["mask"])
            return True
        except _BaseException:
            return False

    def restore():
        """Puts back, before a test, what an earlier test of this process may have changed (see
        "Between the tests" at the top). Not needed (nor done: it would touch and so copy many
        pages) before the first test of a process. False when that failed."""
        ok = quiesce()
        try:
            _dict_update(_bdict, builtins_snapshot)
            if _len(_bdict) != _len(builtins_snapshot):
                for key in [k for k in _dict_keys(_bdict) if _type(k) is not _str or k not in builtins_snapshot]:
                    _dict_pop(_bdict, key, None)
            _setrecursionlimit(recursion_baseline)
            if _set_digits is not None:
                _set_digits(digits_baseline)
            _umask(st["umask"])
            _chdir(st["cwd"])
        except _BaseException:
            ok = False
        return ok

    def make_streams():
        stdin = _TextIOWrapper(_FileIO(0, "r", closefd=False), encoding="utf-8")
        out = _TextIOWrapper(_BufferedWriter(_FileIO(1, "w", closefd=False)), encoding="utf-8",
                             errors="backslashreplace", line_buffering=True)
        err = _TextIOWrapper(_BufferedWriter(_FileIO(2, "w", closefd=False)), encoding="utf-8",
                             errors="backslashreplace", line_buffering=True)
        return stdin, out, err

    premade = [make_streams()]      # the first test of each process uses these (made before the fork)

    def new_streams():
        """Fresh sys.stdin/stdout/stderr for a test (the previous ones may have been closed or replaced)."""
        stdin, out, err = premade.pop() if premade else make_streams()
        streams[0], streams[1] = out, err
        _sys.stdin = _sys.__stdin__ = stdin
        _sys.stdout = _sys.__stdout__ = out
        _sys.stderr = _sys.__stderr__ = err

    def flush_streams():
        for stream in streams:
            try:
                stream.flush()
            except _BaseException:
                pass

    def clean():
        """Whether this process may run the next test (the parent checks processes, threads and
        memory itself): the same fds 0-4 and no other, no suspect introspection, no large growth."""
        if st["suspect"]:
            return False
        try:
            names = _listdir("/proc/self/fd")       # also lists the fd of the listing itself
            if _len(names) != 6:
                return False
            for name in fd_names:
                if name not in names:
                    return False
            for fd, identity in enumerate_fds(st["fds"]):
                s = _fstat(fd)
                if (s.st_dev, s.st_ino) != identity:
                    return False
            return mapped() <= st["grown"]
        except _BaseException:
            return False

    def send(data):
        view = _memoryview(data)
        while view:
            view = view[_write(res, view):]

    def status_text(status, error=None, traceback=None):
        parts = ['{"status":', _enc_str(status)]
        if error is not None:
            parts += [',"error":', _enc_str(error)]
        if traceback is not None:
            parts += [',"traceback":', _enc_str(traceback)]
        parts.append("}")
        return _encode(_join("", parts), "ascii")

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
        """(True, call()'s value) or (False, the failure's report). A MemoryError is reported
        after its traceback (and the memory it holds) has been let go."""
        oom, text = False, None
        try:
            return True, call()
        except _MemoryError:
            oom = True
        except _BaseException as e:
            try:
                text = failure_text(e, when)
            except _MemoryError:
                oom = True
            except _BaseException:
                text = status_text("RUNTIME_ERROR", "Error: the test failed in a way that cannot be described")
        return False, memory_report if oom else text

    class NotJson(Exception):
        pass

    class TooBig(Exception):
        pass

    def unicode_ok(text):
        """No lone surrogates: JSON text is Unicode, and the judge (Java) cannot carry them."""
        try:
            _encode(text, "utf-8")
            return True
        except _BaseException:
            return False

    def serialise(root):
        """Exact plain-JSON types only, iteratively (immune to the learner's recursion limit)."""
        parts, size = [], 0
        stack, on_path = [], _set()
        value = root
        while True:
            t = _type(value)
            if t is _str:
                if not _isascii(value) and not unicode_ok(value):
                    raise NotJson("a string that is not valid Unicode (a lone surrogate)")
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
                    if not _isascii(key) and not unicode_ok(key):
                        raise NotJson("a dict key that is not valid Unicode (a lone surrogate)")
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

    missing = object()

    def same(after, before):
        """Whether after equals before, a value decoded from JSON, with exact JSON types (1 is not
        1.0 nor True; key order aside). Iterative (immune to the learner's recursion limit) and
        bounded by before, which is finite and acyclic; it calls no method of the learner's objects:
        a value's type is compared before the value, and only exact built-in types are walked."""
        stack = [(after, before)]
        while stack:
            a, b = stack.pop()
            t = _type(b)
            if _type(a) is not t:
                return False
            if t is _list:
                if _len(a) != _len(b):
                    return False
                types = _list(_map(_type, b))
                if not _all(_map(_is, _map(_type, a), types)):
                    return False
                if _set(types) <= scalar_types:
                    # Exact built-in scalars on both sides (checked just above): list equality runs
                    # in C and calls no method of the learner's. Most arguments are such lists.
                    if a != b:
                        return False
                else:
                    stack.extend(_zip(a, b))
            elif t is _dict:
                if _len(a) != _len(b):
                    return False
                for k, v in _items(a):
                    # An exact str key, looked up in before (whose keys are exact str): a key object
                    # of the learner's with an __eq__ of its own never takes part in a comparison.
                    if _type(k) is not _str:
                        return False
                    w = _dict_get(b, k, missing)
                    if w is missing:
                        return False
                    stack.append((v, w))
            elif a != b:
                return False
        return True

    def changed_argument(originals, args_json):
        """0 when every argument still equals what the test's JSON says it was, else the position
        (from 1) of the first that does not. What the arguments were is decoded anew from the test's
        JSON text, after the call: no copy exists while the learner's code runs, so none can be
        reached (gc) and altered, and nothing it patches (copy.deepcopy, ==, json) is used."""
        before = _scan(args_json, 0)[0]
        for position in _range(_len(before)):
            if not same(originals[position], before[position]):
                return position + 1
        return 0

    def changed_report(position, after, value):
        """The INPUT_CHANGED result: the argument's position, and what it and the returned value
        became when they can be written as JSON (for a public test's message)."""
        parts = ['{"status":"INPUT_CHANGED","argument":', _int_repr(position),
                 ',"error":', _enc_str("the function changed argument %d in place" % position)]
        for key, v in (("after", after), ("value", value)):
            try:
                parts += [',"', key, '":', serialise(v)]
            except _MemoryError:
                raise
            except _BaseException:
                pass
        parts.append("}")
        return _encode(_join("", parts), "ascii")

    def one_test(args_json, check, namespace):
        """(result bytes, whether the process may go on). Fills namespace; the caller clears it.
        check: whether the arguments must be unchanged by the call (inputsUnchanged)."""
        try:
            args = _scan(args_json, 0)[0]
            # A tuple: the learner's code cannot put other objects in place of the arguments it got.
            originals = _tuple(args)
            args = None
        except _MemoryError:
            return memory_report, False
        except _BaseException:
            return status_text("RUNTIME_ERROR", "RunnerError: the test's arguments could not be read"), False
        # ---- the learner's code runs from here on
        ok, got = run_phase(lambda: _exec(code_obj, namespace), "while the module was loading")
        if not ok:
            return got, got is not memory_report
        fn = _dict_get(namespace, function)
        if fn is None or not _callable(fn):
            return status_text("NO_FUNCTION", "the code does not define a function named %s()" % function), True
        ok, value = run_phase(lambda: fn(*originals), "instead of returning")
        fn = None
        if not ok:
            return value, value is not memory_report
        if check:
            try:
                position = changed_argument(originals, args_json)
                if position:
                    return changed_report(position, originals[position - 1], value), True
            except _MemoryError:
                return memory_report, False
        originals = None
        try:
            return _encode('{"status":"OK","value":' + serialise(value) + "}", "ascii"), True
        except NotJson as e:
            return status_text("NOT_JSON", "the function returned " + e.args[0]), True
        except TooBig:
            return status_text("OUTPUT_LIMIT", "the returned value is larger than %d bytes as JSON" % value_cap), True
        except _MemoryError:
            pass
        except _BaseException as e:      # e.g. a dict changed size while being written (threads)
            return status_text("RUNTIME_ERROR", "RuntimeError: the returned value could not be read: " + describe(e)), True
        value = None
        return memory_report, False

    def loop():
        """The tests: one per command from the parent, until it closes the command pipe."""
        while True:
            line = b""
            while not _endswith(line, b"\n"):
                chunk = _read(ctl, 32)
                if not chunk:
                    _exit(0)
                line += chunk
                if _len(line) > 32:
                    _exit(EXIT_HARNESS_FAULT)
            index = _int(line)
            if not 0 <= index < ntests:
                _exit(EXIT_HARNESS_FAULT)
            send(b"B %d\n" % index)
            keep = restore() if st["used"] else True
            st["used"] = True
            _modules["__main__"] = _module_type("__main__")     # `import __main__` never reaches us
            new_streams()
            namespace = {"__name__": "solution", "__builtins__": _builtins}
            try:
                data, ok = one_test(tests[index][1], tests[index][2], namespace)
            except _MemoryError:
                data, ok = memory_report, False
            except _BaseException:
                data, ok = status_text("RUNTIME_ERROR", "Error: the test failed in a way that cannot be described"), False
            # The namespace and the function form a cycle: clear it now, so that what the test kept
            # is freed (and its finalizers run) within this test.
            namespace.clear()
            namespace = None
            keep = quiesce() and keep and ok
            flush_streams()
            keep = keep and clean()
            send(b"R %d %d %s\n" % (index, _len(data), b"k" if keep else b"x") + data)
            if not keep:
                _exit(0)

    return setup, loop


# ----------------------------------------------------------------------------- the parent

class Test:
    def __init__(self, name, limits):
        self.name = name
        self.limits = limits
        self.stdout = bytearray()
        self.stderr = bytearray()
        self.verdict = None        # TIME_LIMIT / OUTPUT_LIMIT decided by the parent
        self.error = None


class Job:
    def __init__(self, code_obj, source, function, tests, limits, opts, devnull):
        self.code_obj, self.source, self.function = code_obj, source, function
        self.tests = tuple(tests)       # (name, args JSON, inputsUnchanged), immutable in the workers
        self.limits, self.opts, self.devnull = limits, opts, devnull
        self.test_cpu = test_cpu(limits)        # what one test had as RLIMIT_CPU before
        self.me = os.getpid()
        self.setup = self.loop = None           # built when a test process is first replaced

    def worker_functions(self):
        if self.setup is None:
            self.setup, self.loop = make_worker(self.code_obj, self.source, self.function, self.tests, self.limits)
        return self.setup, self.loop


BEGIN, RESULT, DONE = 0, 1, 2


class Worker:
    """A test process as the parent sees it, and the result protocol's state for its current test."""

    def __init__(self, pid, out_r, err_r, res_r, ctl_w, pidfd, cpu_limit, started):
        self.pid, self.out_r, self.err_r, self.res_r, self.ctl_w, self.pidfd = pid, out_r, err_r, res_r, ctl_w, pidfd
        self.cpu_limit = cpu_limit
        self.started = started
        self.status = None          # (wait status, rusage) once reaped
        self.buf = bytearray()      # result pipe bytes not parsed yet
        self.poller = select.poll()
        self.open_fds = {out_r, err_r, res_r}
        for fd in self.open_fds:
            os.set_blocking(fd, False)
            self.poller.register(fd, select.POLLIN)
        if pidfd is not None:
            self.poller.register(pidfd, select.POLLIN)
        self.streams = {}
        self.expect = -1
        self.phase = DONE
        self.need = None            # body bytes still expected after an R header
        self.flag = None
        self.body = None
        self.violation = None       # what broke the protocol, if something did
        self.gone = False

    def start(self, index, t):
        self.expect, self.phase, self.need, self.flag, self.body, self.violation = index, BEGIN, None, None, None, None
        self.streams = {self.out_r: [t.stdout, t.limits["outputBytes"], "stdout"],
                        self.err_r: [t.stderr, STDERR_CAP, None]}


def spawn(job, first):
    """A new test process for the tests from index first on: a Worker, or an error text."""
    setup, loop = job.worker_functions()
    cpu_limit = job.test_cpu * (len(job.tests) - first)
    started = time.monotonic()
    forked = _fork_worker(0, lambda fds: worker_main(setup, loop, fds, job.opts["nproc"], cpu_limit), job.devnull)
    if isinstance(forked, str):
        return "RunnerError: the test process could not be started (%s)" % forked
    pid, out_r, err_r, res_r, ctl_w, pidfd, _ = forked
    return Worker(pid, out_r, err_r, res_r, ctl_w, pidfd, cpu_limit, started)


def _fork_worker(extra_pipes, child_main, devnull):
    """Forks a test process with its output, result and command pipes (and extra_pipes more, whose
    read ends it gets): (pid, out_r, err_r, res_r, ctl_w, pidfd, [write ends of the extra pipes]),
    or an error text. child_main(fds[, read ends]) runs in the child and never returns."""
    fds = []
    try:
        for _ in range(4 + extra_pipes):
            fds.extend(os.pipe())
    except OSError as e:
        for fd in fds:
            os.close(fd)
        return e.strerror or str(e)
    out_r, out_w, err_r, err_w, res_r, res_w, ctl_r, ctl_w = fds[:8]
    extra = fds[8:]
    try:
        pid = os.fork()
    except OSError as e:
        for fd in fds:
            os.close(fd)
        return e.strerror or str(e)
    if pid == 0:
        try:
            for fd in (out_r, err_r, res_r, ctl_w) + tuple(extra[1::2]):
                os.close(fd)
            worker_fds = (out_w, err_w, res_w, ctl_r, devnull)
            if extra:
                child_main(worker_fds, extra[0::2])
            else:
                child_main(worker_fds)
        finally:
            os._exit(EXIT_HARNESS_FAULT)
    try:
        os.setpgid(pid, pid)
    except OSError:
        pass
    for fd in (out_w, err_w, res_w, ctl_r) + tuple(extra[0::2]):
        os.close(fd)
    pidfd = None
    try:
        pidfd = os.pidfd_open(pid)
    except (AttributeError, OSError):
        pass
    return pid, out_r, err_r, res_r, ctl_w, pidfd, extra[1::2]


class Prepared:
    """The first test process, forked before the job is read, and the pipe its job goes through."""

    def __init__(self, forked):
        self.pid, self.out_r, self.err_r, self.res_r, self.ctl_w, self.pidfd, extra = forked
        self.job_w = extra[0]

    @staticmethod
    def fork(opts, devnull):
        """None when the fork failed: the first test process is then forked once the job is in."""
        forked = _fork_worker(1, lambda fds, extra: prepared_main(extra[0], fds, opts["nproc"]), devnull)
        return None if isinstance(forked, str) else Prepared(forked)

    def start(self, job, raw):
        """Hands the job to the process: its Worker, or None when it is gone (then a new one is spawned)."""
        try:
            _emit(self.job_w, raw)
            os.close(self.job_w)
            self.job_w = None
        except OSError:
            self.discard()
            return None
        cpu_limit = job.test_cpu * len(job.tests)
        return Worker(self.pid, self.out_r, self.err_r, self.res_r, self.ctl_w, self.pidfd, cpu_limit, time.monotonic())

    def discard(self):
        """Ends the process unused (a bad job, a syntax error, a failed hand-over)."""
        for fd in (self.job_w, self.out_r, self.err_r, self.res_r, self.ctl_w, self.pidfd):
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass
        _kill_group(self.pid)
        try:
            os.kill(self.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass


RETRY = "retry"


def run_test(job, w, index, fresh):
    """Runs test index on worker w. Returns (result, keep): keep says whether w may run the next
    test (otherwise it has been retired). result is RETRY when a reused worker failed before the
    test began: the test then runs again in a fresh process."""
    name = job.tests[index][0]
    limits = job.limits
    t = Test(name, limits)
    start = w.started if fresh else time.monotonic()
    deadline = start + limits["timeMs"] / 1000.0
    w.start(index, t)
    try:
        _emit(w.ctl_w, b"%d\n" % index)
    except OSError:
        w.gone = True
    while not w.gone and t.verdict is None and w.violation is None and w.phase != DONE:
        now = time.monotonic()
        if now >= deadline:
            t.verdict = "TIME_LIMIT"
            break
        wait_ms = (deadline - now) * 1000.0
        if w.pidfd is None:
            wait_ms = min(wait_ms, 10.0)
        for fd, _ in w.poller.poll(max(1, int(wait_ms + 0.999))):
            if fd == w.pidfd:
                w.gone = True
            elif fd == w.res_r:
                _read_frames(w, t, 4)
            else:
                _read_into(t, fd, w.streams, w.open_fds, w.poller, 1)
        if w.pidfd is None and not w.gone:
            got, st, ru = os.wait4(w.pid, os.WNOHANG)
            if got == w.pid:
                w.status = (st, ru)
                w.gone = True
    elapsed = time.monotonic() - start
    if w.phase == DONE and t.verdict is None and w.violation is None:
        # The result is in. Everything the test process wrote before it is in the pipes now.
        _drain(w, t, DRAIN_SECONDS)
        if t.verdict is None and w.violation is None and w.flag == b"k" and _reusable(job, w):
            if job.opts["private"]:
                _empty_tmp()
            return _classify(t, w, None, elapsed), True
    _retire(job, w, t)
    if w.phase == BEGIN and not fresh and t.verdict != "TIME_LIMIT":
        # Died or misbehaved between two tests: test index never began. (Not after a time-out:
        # a test runs at most once for its full time.)
        return RETRY, False
    return _classify(t, w, w.status, elapsed), False


MAX_HEADER = 48


def _read_frames(w, t, max_chunks):
    """Reads the result pipe and follows its protocol: "B <i>" then "R <i> <length> <k|x>" and the
    result, once per test, for the current test only. Anything else is a violation."""
    for _ in range(max_chunks):
        try:
            chunk = os.read(w.res_r, 65536)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:
            w.open_fds.discard(w.res_r)
            w.poller.unregister(w.res_r)
            return
        w.buf += chunk
        _parse_frames(w, t)
        if t.verdict is not None or w.violation is not None:
            return


def _parse_frames(w, t):
    buf = w.buf
    while True:
        if w.need is not None:
            if len(buf) < w.need:
                return
            w.body = bytes(buf[:w.need])
            del buf[:w.need]
            w.need = None
            w.phase = DONE
            continue
        if not buf:
            return
        if w.phase == DONE:
            w.violation = "a second result"
            return
        nl = buf.find(b"\n", 0, MAX_HEADER)
        if nl < 0:
            if len(buf) >= MAX_HEADER:
                w.violation = "bytes that are not a frame"
            return
        head = bytes(buf[:nl]).split(b" ")
        del buf[:nl + 1]
        index = b"%d" % w.expect
        if w.phase == BEGIN and head == [b"B", index]:
            w.phase = RESULT
            continue
        if (w.phase == RESULT and len(head) == 4 and head[0] == b"R" and head[1] == index
                and head[3] in (b"k", b"x") and head[2].isdigit() and len(head[2]) <= 12):
            size = int(head[2])
            if size > t.limits["valueBytes"] + RESULT_OVERHEAD:
                t.verdict = "OUTPUT_LIMIT"
                t.error = "the returned value is larger than %d bytes as JSON" % t.limits["valueBytes"]
                return
            w.need, w.flag = size, head[3]
            continue
        w.violation = "a frame out of turn"
        return


def _drain(w, t, seconds):
    """Reads what the pipes hold now (bounded in time and size; a leftover writer cannot hold us up)."""
    until = time.monotonic() + seconds
    while w.open_fds and t.verdict != "OUTPUT_LIMIT" and time.monotonic() < until:
        ready = [fd for fd, _ in w.poller.poll(0) if fd != w.pidfd]
        if not ready:
            return
        for fd in ready:
            if fd == w.res_r:
                _read_frames(w, t, 16)
            else:
                _read_into(t, fd, w.streams, w.open_fds, w.poller, 16)


def _reusable(job, w):
    """Whether the process that just ran a test may run the next one: one thread, never a child
    (alive, zombie or reaped), no process besides us and it, and a memory peak under the level at
    which a kill counts as MEMORY_LIMIT. Read from /proc: the learner's code cannot answer for it."""
    try:
        stat = _read_small("/proc/%d/stat" % w.pid)
        fields = stat[stat.rindex(b")") + 2:].split()
        if int(fields[17]) != 1 or int(fields[8]) != 0:     # num_threads, cminflt
            return False
        status = _read_small("/proc/%d/status" % w.pid)
        at = status.index(b"\nVmHWM:")
        hwm = int(status[at + 7:status.index(b"kB", at)]) << 10
        if hwm >= (job.limits["memoryMb"] << 20) // 2:
            return False
        if job.opts["private"]:
            # We are init of the namespace: its /proc lists every process there is.
            for name in os.listdir("/proc"):
                if name.isdigit() and int(name) not in (1, w.pid):
                    return False
            return True
        if not job.opts["subreaper"]:
            return False                # orphans of a test would escape our notice
        return _children(w.pid) == set() and _children(job.me) == {w.pid}
    except (OSError, ValueError, IndexError):
        return False


def _read_small(path):
    fd = os.open(path, os.O_RDONLY)
    try:
        return os.read(fd, 8192)
    finally:
        os.close(fd)


def _children(pid):
    """Children of pid's main thread (a single-threaded process has no others); raises OSError
    when the kernel does not list them (CONFIG_PROC_CHILDREN)."""
    return {int(p) for p in _read_small("/proc/%d/task/%d/children" % (pid, pid)).split()}


def _retire(job, w, t):
    """Ends the test process: kills it (and, with --private, every other process; otherwise what
    was adopted from it), reaps it, collects what it wrote and closes its pipes."""
    _kill_group(w.pid)
    try:
        os.kill(w.pid, signal.SIGKILL)      # also when a test moved it to another process group
    except OSError:
        pass
    private = job.opts["private"]
    if private:
        try:
            os.kill(-1, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if w.status is None:
        _, st, ru = os.wait4(w.pid, 0)
        w.status = (st, ru)
    if private:
        _reap_everything_else()
    elif job.opts["subreaper"]:
        _reap_adopted(job.me)
    if w.pidfd is not None:
        w.poller.unregister(w.pidfd)
        os.close(w.pidfd)
        w.pidfd = None
    # What the test process wrote before it ended is in the pipes.
    _drain(w, t, DRAIN_SECONDS)
    for fd in (w.out_r, w.err_r, w.res_r, w.ctl_w):
        os.close(fd)
    w.open_fds.clear()
    if private:
        _empty_tmp()


def _reap_adopted(me):
    """As a child subreaper (without --private), orphans of the test processes become ours: kill
    them and their groups and reap them (bounded in time)."""
    deadline = time.monotonic() + 1.0
    while time.monotonic() < deadline:
        try:
            kids = _children(me)
        except (OSError, ValueError):
            return
        if not kids:
            return
        for pid in kids:
            _kill_group(pid)
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.001)


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


def _classify(t, w, status, elapsed):
    """The test's result: the parent's own verdicts first, then the test process's report, then
    how the process ended (status: (wait status, rusage), None while it lives on)."""
    result = {"name": t.name, "status": None}
    time_ms = int(elapsed * 1000)
    test_cpu = (t.limits["timeMs"] + 999) // 1000
    if t.verdict == "TIME_LIMIT":
        result["status"] = "TIME_LIMIT"
        result["error"] = "the test ran longer than %d ms" % t.limits["timeMs"]
    elif t.verdict == "OUTPUT_LIMIT":
        result["status"] = "OUTPUT_LIMIT"
        result["error"] = t.error
    elif w.violation is not None:
        result["status"] = "RUNTIME_ERROR"
        result["error"] = "ProtocolError: the test wrote %s to the runner's result channel (fd 3)" % w.violation
    elif w.phase == DONE:
        report = _parse_child_result(w.body)
        if report is None:
            result["status"] = "RUNTIME_ERROR"
            result["error"] = "ProtocolError: the test wrote a malformed result to the runner's result channel (fd 3)"
        else:
            result.update(report)
    else:
        st, ru = status
        if os.WIFSIGNALED(st):
            sig = os.WTERMSIG(st)
            signame = _signame(sig)
            maxrss = ru.ru_maxrss * 1024
            cpu_used = ru.ru_utime + ru.ru_stime
            if sig == signal.SIGXCPU or (sig == signal.SIGKILL and cpu_used >= w.cpu_limit - 0.05):
                result["status"] = "TIME_LIMIT"
                result["error"] = "the test used more than %d s of CPU time" % test_cpu
            elif sig == signal.SIGKILL and maxrss >= (t.limits["memoryMb"] << 20) // 2:
                result["status"] = "MEMORY_LIMIT"
                result["error"] = "the test was killed using %d MiB of memory" % (maxrss >> 20)
            else:
                result["status"] = "RUNTIME_ERROR"
                hint = " (too deep a recursion?)" if sig == signal.SIGSEGV else ""
                result["error"] = "Crash: the test process was killed by %s%s" % (signame, hint)
        else:
            code = os.WEXITSTATUS(st) if os.WIFEXITED(st) else -1
            result["status"] = "RUNTIME_ERROR"
            if code == EXIT_HARNESS_FAULT:
                result["error"] = "RunnerError: the test could not be run"
            else:
                result["error"] = ("SystemExit: the process exited (status %d) before the function returned"
                                   % code)
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
    elif out["status"] == "INPUT_CHANGED":
        position = r.get("argument")
        if type(position) is not int or not 1 <= position <= MAX_ARGUMENTS:
            return None
        out["argument"] = position
        for key in ("after", "value"):
            if key in r:
                if not _plain(r[key], 0):
                    return None
                out[key] = r[key]
    for key, cap in (("error", MESSAGE_CAP + 200), ("traceback", TRACEBACK_CAP + 10)):
        v = r.get(key)
        if v is not None:
            if type(v) is not str:
                return None
            out[key] = _text(_cap(v, cap))
    return out


def _text(s):
    """A text for the report: lone surrogates (an exception message can hold them) written as
    their escapes, so the report is valid Unicode whatever the learner's code raised."""
    if s.isascii():
        return s
    return s.encode("utf-8", "backslashreplace").decode("utf-8")


_INF = float("inf")
_BIG = 10 ** MAX_INT_DIGITS


def _plain_str(v):
    try:
        v.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


def _plain(v, depth):
    """Plain JSON data that the report can carry and Java can read: a forged frame can hold 1e400
    (read as inf, which json.dumps refuses) or a 4,000-digit integer (over Java's number limit);
    either made the whole run fail as if it were our fault."""
    if depth > MAX_DEPTH:
        return False
    t = type(v)
    if t is list:
        return all(_plain(x, depth + 1) for x in v)
    if t is dict:
        return all(_plain_str(k) and _plain(x, depth + 1) for k, x in v.items())
    if t is str:
        return _plain_str(v)
    if t is float:
        return -_INF < v < _INF
    if t is int:
        return -_BIG < v < _BIG
    return t in (bool, type(None))


def _hidden_result(r):
    """A hidden test's result rebuilt from what the runner decides alone: the status (from the
    fixed set), the value the comparison needs, the time; the text is the runner's own."""
    out = {"name": r["name"], "status": r["status"]}
    if r["status"] == "OK":
        out["value"] = r["value"]
    else:
        out["error"] = HIDDEN_TEXTS.get(r["status"], HIDDEN_TEXTS["RUNTIME_ERROR"])
    out["stdout"] = ""
    out["timeMs"] = r.get("timeMs", 0)
    return out


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


def _prctl(option, value):
    """prctl(2) through ctypes; False when it cannot be called or fails."""
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except Exception:
        return False


def _set_not_dumpable():
    """Test processes (same uid) must not reach our fds through /proc/<pid>/fd."""
    _prctl(4, 0)                # PR_SET_DUMPABLE, 0


# ----------------------------------------------------------------------------- the syscall filter

# seccomp_data: nr (u32) at 0, arch (u32) at 4, instruction pointer at 8, args[6] (u64) from 16.
_SECCOMP_NR, _SECCOMP_ARCH, _SECCOMP_ARG1_LOW = 0, 4, 24     # both architectures are little-endian
_AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
_X32_BIT = 0x40000000
# The calls every box is denied (see "System calls" at the top), by architecture. Numbers from the
# kernel's tables: arch/x86/entry/syscalls/syscall_64.tbl and include/uapi/asm-generic/unistd.h.
_DENIED = {
    "x86_64": {"flock": 73, "inotify_init": 253, "inotify_add_watch": 254, "inotify_init1": 294,
               "fanotify_init": 300, "fanotify_mark": 301, "mincore": 27, "perf_event_open": 298,
               "userfaultfd": 323, "keyctl": 250, "add_key": 248, "request_key": 249,
               "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
               "process_vm_readv": 310, "process_vm_writev": 311, "ptrace": 101, "kcmp": 312, "bpf": 321,
               "name_to_handle_at": 303, "open_by_handle_at": 304, "setns": 308, "unshare": 272,
               "mount": 165, "umount2": 166, "pivot_root": 155, "chroot": 161, "open_tree": 428,
               "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
               "mount_setattr": 442},
    "aarch64": {"flock": 32, "inotify_init1": 26, "inotify_add_watch": 27,
                "fanotify_init": 262, "fanotify_mark": 263, "mincore": 232, "perf_event_open": 241,
                "userfaultfd": 282, "keyctl": 219, "add_key": 217, "request_key": 218,
                "io_uring_setup": 425, "io_uring_enter": 426, "io_uring_register": 427,
                "process_vm_readv": 270, "process_vm_writev": 271, "ptrace": 117, "kcmp": 272, "bpf": 280,
                "name_to_handle_at": 264, "open_by_handle_at": 265, "setns": 268, "unshare": 97,
                "mount": 40, "umount2": 39, "pivot_root": 41, "chroot": 51, "open_tree": 428,
                "move_mount": 429, "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433,
                "mount_setattr": 442},
}
_FCNTL = {"x86_64": 72, "aarch64": 25}
# fcntl commands that reach shared kernel objects: F_GETLK, F_SETLK, F_SETLKW, F_OFD_GETLK,
# F_OFD_SETLK, F_OFD_SETLKW, F_SETLEASE, F_GETLEASE, F_NOTIFY. F_DUPFD, F_GETFL... stay allowed.
_FCNTL_DENIED = (5, 6, 7, 36, 37, 38, 1024, 1025, 1026)
_RET_ALLOW, _RET_EPERM = 0x7FFF0000, 0x00050000 | 1


def syscall_filter(machine):
    """The classic BPF program of the filter, as (code, jt, jf, k) tuples; None for an architecture
    we have no table for."""
    if machine not in _DENIED:
        return None
    LD, JEQ, JGE, RET = 0x20, 0x15, 0x35, 0x06     # BPF_LD|W|ABS, BPF_JMP|JEQ|K, BPF_JMP|JGE|K, BPF_RET|K
    # Built with labels, then resolved: a jump's offset counts the instructions it skips.
    prog = [(LD, None, None, _SECCOMP_ARCH), (JEQ, "next", "deny", _AUDIT_ARCH[machine]),
            (LD, None, None, _SECCOMP_NR)]
    if machine == "x86_64":
        prog.append((JGE, "deny", "next", _X32_BIT))
    for nr in sorted(_DENIED[machine].values()):
        prog.append((JEQ, "deny", "next", nr))
    prog += [(JEQ, "fcntl", "next", _FCNTL[machine]), (RET, None, None, _RET_ALLOW),
             ("fcntl", LD, None, None, _SECCOMP_ARG1_LOW)]
    for cmd in _FCNTL_DENIED:
        prog.append((JEQ, "deny", "next", cmd))
    prog += [(RET, None, None, _RET_ALLOW), ("deny", RET, None, None, _RET_EPERM)]
    labels, plain = {}, []
    for ins in prog:
        if type(ins[0]) is str:
            labels[ins[0]] = len(plain)
            ins = ins[1:]
        plain.append(ins)
    out = []
    for i, (code, jt, jf, k) in enumerate(plain):
        def offset(target):
            if target is None or target == "next":
                return 0
            d = labels[target] - i - 1
            if not 0 <= d <= 255:
                raise ValueError("jump out of range")
            return d
        out.append((code, offset(jt), offset(jf), k))
    return out


def install_syscall_filter():
    """Installs the filter on this process (inherited by every process it starts): None when
    installed, else why not. Needs no_new_privs, which it sets (setpriv and bubblewrap set it too)."""
    machine = os.uname().machine
    prog = syscall_filter(machine)
    if prog is None:
        return "no system call table for architecture %s" % machine
    try:
        import ctypes

        class SockFilter(ctypes.Structure):
            _fields_ = [("code", ctypes.c_ushort), ("jt", ctypes.c_ubyte), ("jf", ctypes.c_ubyte),
                        ("k", ctypes.c_uint32)]

        class SockFprog(ctypes.Structure):
            _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(SockFilter))]

        program = (SockFilter * len(prog))(*[SockFilter(*ins) for ins in prog])
        fprog = SockFprog(len(prog), program)
        libc = ctypes.CDLL(None, use_errno=True)
        ulong = ctypes.c_ulong
        if libc.prctl(38, ulong(1), ulong(0), ulong(0), ulong(0)) != 0:          # PR_SET_NO_NEW_PRIVS
            return "prctl(PR_SET_NO_NEW_PRIVS) failed: %s" % os.strerror(ctypes.get_errno())
        if libc.prctl(22, ulong(2), ctypes.byref(fprog), ulong(0), ulong(0)) != 0:   # PR_SET_SECCOMP, FILTER
            return "prctl(PR_SET_SECCOMP) failed: %s" % os.strerror(ctypes.get_errno())
    except Exception as e:       # no ctypes, no libc: refuse rather than run unfiltered
        return "cannot install the seccomp filter: %s" % e
    return None


def run_job(job, first=None):
    """The results of all tests, in order: one test process runs them one after the other and is
    replaced whenever it cannot go on (see "Between the tests" at the top). first: the test process
    for test 0 if one was prepared, else None."""
    results = []
    w = first
    index = 0
    while index < len(job.tests):
        fresh = w is None or w is first
        if w is None:
            w = spawn(job, index)
            if isinstance(w, str):
                results.append({"name": job.tests[index][0], "status": "RUNTIME_ERROR", "stdout": "",
                                "timeMs": 0, "error": w})
                w = None
                index += 1
                continue
        result, keep = run_test(job, w, index, fresh)
        first = None
        if not keep:
            w = None
        if result is RETRY:
            continue
        results.append(result)
        index += 1
        if result["status"] == "TIME_LIMIT":
            # The outcome is settled (the job fails): a runaway program costs one time limit, not one per test.
            for name, _, _ in job.tests[index:]:
                results.append({"name": name, "status": "NOT_RUN", "error": NOT_RUN_TEXT, "stdout": "", "timeMs": 0})
            break
    if w is not None:
        _retire(job, w, Test("", job.limits))
    return results


def main(argv):
    out_fd = os.dup(1)                      # our report channel; fd 1 itself goes to /dev/null
    devnull = os.open(os.devnull, os.O_RDWR)
    try:
        opts = _parse_args(argv)
        if opts["private"] and os.getpid() != 1:
            raise BadJob("--private needs to run as init of a private pid namespace (our pid is %d)" % os.getpid())
    except (BadJob, ValueError) as e:
        _emit(out_fd, json.dumps({"error": str(e)}).encode("ascii"))
        return 2
    problem = install_syscall_filter()
    if problem is not None:
        _emit(out_fd, json.dumps({"error": "the sandbox's system call filter: " + problem}).encode("ascii"))
        return 2
    os.dup2(devnull, 1)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2,
                signal.SIGALRM, signal.SIGQUIT, signal.SIGTSTP, signal.SIGTTIN, signal.SIGTTOU):
        signal.signal(sig, signal.SIG_IGN)          # a test process may not stop us with these
    _set_not_dumpable()
    opts["subreaper"] = False
    if not opts["private"]:
        opts["subreaper"] = _prctl(36, 1)     # PR_SET_CHILD_SUBREAPER: orphans of tests come to us
    import gc
    gc.collect()
    gc.freeze()                                     # cheaper forks: no copy-on-write by the collector
    # The first test process is forked now, while we wait for the job (in a warm box: before
    # there is one), not on the job's clock. See "The first test process" at the top.
    prepared = Prepared.fork(opts, devnull)
    try:
        raw = bytearray()
        while len(raw) <= MAX_JOB_BYTES:
            chunk = os.read(0, 1 << 20)
            if not chunk:
                break
            raw += chunk
        if len(raw) > MAX_JOB_BYTES:
            raise BadJob("job larger than %d bytes" % MAX_JOB_BYTES)
        raw = bytes(raw)
        function, code, tests, limits, hidden = parse_job(raw)
    except (BadJob, ValueError) as e:
        if prepared is not None:
            prepared.discard()
        _emit(out_fd, json.dumps({"error": str(e)}).encode("ascii"))
        return 2
    os.dup2(devnull, 0)

    code_obj, compile_error = compile_code(code)
    if compile_error is not None:
        if prepared is not None:
            prepared.discard()
        doc = json.dumps({"compile": compile_error, "results": []}, ensure_ascii=True)
        _emit(out_fd, doc.encode("ascii"))
        return 0
    job = Job(code_obj, code, function, tests, limits, opts, devnull)
    first = None
    if prepared is not None and tests:
        first = prepared.start(job, raw)
    elif prepared is not None:
        prepared.discard()
    raw = None
    parts, used = [], 0
    for r in run_job(job, first):
        if hidden:
            r = _hidden_result(r)
        try:
            part = json.dumps(r, ensure_ascii=True, allow_nan=False)
        except (ValueError, TypeError, RecursionError, OverflowError):
            # Belt and braces behind _parse_child_result: whatever a test's process handed us, a
            # result we cannot write is that test's failure, never a failed run (an ERROR verdict).
            part = json.dumps({"name": r["name"], "status": "RUNTIME_ERROR",
                               "error": "ProtocolError: the test's result could not be written",
                               "stdout": "", "timeMs": r.get("timeMs", 0)}, ensure_ascii=True)
        if used + len(part) > opts["max_output"]:
            part = json.dumps({"name": r["name"], "status": "OUTPUT_LIMIT",
                               "error": "the tests together produced too much output", "stdout": "",
                               "timeMs": r["timeMs"]}, ensure_ascii=True)
        used += len(part)
        parts.append(part)
    doc = '{"compile":{"ok":true},"results":[' + ",".join(parts) + "]}"
    _emit(out_fd, doc.encode("ascii"))
    return 0


if __name__ == "__main__":
    status = main(sys.argv[1:])
    # Everything was written with os.write: skip the interpreter's teardown (~10 ms here).
    os._exit(status)
