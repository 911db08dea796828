"""Entry point of the Fargate sandbox task: fetch the job, run runner.py on it, upload the report.

Environment:
  JOB_URL      presigned S3 GET URL of the job JSON (see runner.py)
  RESULT_URL   presigned S3 PUT URL for the runner's report
  MAX_WALL_SECONDS   optional cap of the runner's wall clock (default 300)

The task has no role, no credentials and no route out but the S3 endpoint; isolation comes from
one task per submission. This script trusts nothing the runner prints: it only bounds it and
passes it on. It exits non-zero on its own faults (download, runner crash or timeout, upload),
and then uploads nothing, so the workflow records an ERROR verdict instead of a result.

The presigned URLs must not reach the learner's code (it could upload a report of its own):
the runner gets a minimal environment, this process makes itself non-dumpable (its
/proc/<pid>/environ and memory are then closed to same-uid processes), and it kills every process
the runs left before uploading: as the container's pid 1, every other process; under the task's
init (InitProcessEnabled, as template.yaml has it), every descendant, orphans included, which come
to this process because it is a child subreaper.
"""

import json
import os
import subprocess
import sys
import threading
import time
import urllib.request

MAX_JOB_BYTES = 16 << 20
MAX_REPORT_BYTES = 16 << 20
HTTP_TIMEOUT = 30
RUNNER = os.environ.get("RUNNER_PATH") or os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner.py")


class Fault(Exception):
    pass


class RunFault(Fault):
    """The runner ran the learner's code but gave no usable report (wall clock, report too large,
    runner failed, report unreadable): exit status RUN_FAILED_EXIT, which RecordError counts as an
    attempt (JudgeFailure.java): breaking the judge must not be a free try."""


RUN_FAILED_EXIT = 3


def _opener():
    # No proxies from the environment, no credentials: just the presigned URL.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def download(url):
    try:
        with _opener().open(urllib.request.Request(url, method="GET"), timeout=HTTP_TIMEOUT) as resp:
            data = resp.read(MAX_JOB_BYTES + 1)
    except OSError as e:
        raise Fault("cannot download the job: %s" % e)
    if len(data) > MAX_JOB_BYTES:
        raise Fault("the job is larger than %d bytes" % MAX_JOB_BYTES)
    return data


def upload(url, data):
    req = urllib.request.Request(url, data=data, method="PUT",
                                 headers={"Content-Type": "application/json", "Content-Length": str(len(data))})
    try:
        with _opener().open(req, timeout=HTTP_TIMEOUT) as resp:
            if not 200 <= resp.status < 300:
                raise Fault("upload answered HTTP %d" % resp.status)
    except OSError as e:
        raise Fault("cannot upload the report: %s" % e)


def wall_seconds(job):
    """tests x timeMs + slack, capped: the runner keeps per-test timers, this is the backstop."""
    try:
        doc = json.loads(job)
        tests = len(doc.get("tests", []))
        time_ms = int(doc.get("limits", {}).get("timeMs", 2000))
    except (ValueError, TypeError, AttributeError):
        tests, time_ms = 1, 2000
    cap = float(os.environ.get("MAX_WALL_SECONDS", "300"))
    return min(cap, 5.0 + tests * (time_ms + 500) / 1000.0)


RUNNER_ENV = {"PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/tmp",
              "PYTHONDONTWRITEBYTECODE": "1", "PYTHONIOENCODING": "utf-8"}


def run_runner(job, timeout):
    proc = subprocess.Popen([sys.executable, "-I", "-S", "-B", RUNNER], stdin=subprocess.PIPE, env=RUNNER_ENV,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd="/tmp" if os.path.isdir("/tmp") else None,
                            start_new_session=True)
    out, err, over = bytearray(), bytearray(), []

    def feed():
        try:
            proc.stdin.write(job)
        except OSError:
            pass
        finally:
            try:
                proc.stdin.close()
            except OSError:
                pass

    def read(stream, buf, cap, is_report):
        while True:
            chunk = stream.read1(65536)
            if not chunk:
                return
            if len(buf) + len(chunk) > cap:
                if is_report:
                    over.append(True)
                    proc.kill()
                    return
                continue
            buf += chunk

    threads = [threading.Thread(target=feed, daemon=True),
               threading.Thread(target=read, args=(proc.stdout, out, MAX_REPORT_BYTES, True), daemon=True),
               threading.Thread(target=read, args=(proc.stderr, err, 64 << 10, False), daemon=True)]
    for t in threads:
        t.start()
    try:
        code = proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        proc.wait()
        raise RunFault("the runner passed its wall clock of %.0f s" % timeout)
    finally:
        _kill_group(proc)
    for t in threads[1:]:
        t.join(5)
    if over:
        raise RunFault("the runner's report is larger than %d bytes" % MAX_REPORT_BYTES)
    if code != 0:
        # Exit 2: the runner refused the job before running anything (a bad job, no syscall filter): ours.
        fault = Fault if code == 2 else RunFault
        raise fault("the runner failed (exit status %d): %s" % (code, bytes(err[:2000]).decode("utf-8", "replace")))
    return bytes(out)


NOT_RUN_TEXT = "not run: an earlier test ran out of time"


def run_job(job):
    """Runs the job; with "publicCount", public and hidden tests run in two separate runner processes,
    the public one first and to its end, so the run whose stdout the learner sees never holds a hidden
    test's arguments nor runs beside one that does; the hidden run is marked "hidden" (the runner then
    reports statuses only), and skipped when a public test ran out of time (the verdict is settled).
    The same contract as LocalSandbox.run. One report comes back."""
    try:
        doc = json.loads(job)
    except ValueError:
        return run_runner(job, wall_seconds(job))
    if not isinstance(doc, dict) or "publicCount" not in doc:
        return run_runner(job, wall_seconds(job))
    n = doc.pop("publicCount")
    tests = doc.get("tests")
    if not isinstance(n, int) or not isinstance(tests, list) or n <= 0 or n >= len(tests):
        part = json.dumps(dict(doc, hidden=True) if isinstance(n, int) and n <= 0 else doc).encode()
        return run_runner(part, wall_seconds(part))
    public = json.dumps(dict(doc, tests=tests[:n])).encode()
    hidden = json.dumps(dict(doc, tests=tests[n:], hidden=True)).encode()
    first = run_runner(public, wall_seconds(public))
    try:
        first_doc = json.loads(first)
        if not (isinstance(first_doc, dict) and first_doc.get("compile", {}).get("ok") is True):
            return first
        _kill_all_others()
        public_results = list(first_doc.get("results", []))
        if any(isinstance(r, dict) and r.get("status") == "TIME_LIMIT" for r in public_results):
            # Named as the runner names them (its default: test<k> within the run).
            hidden_results = [{"name": t.get("name", "test%d" % k) if isinstance(t, dict) else "test%d" % k,
                               "status": "NOT_RUN", "error": NOT_RUN_TEXT, "stdout": "", "timeMs": 0}
                              for k, t in enumerate(tests[n:], 1)]
        else:
            hidden_results = list(json.loads(run_runner(hidden, wall_seconds(hidden))).get("results", []))
        merged = {"compile": first_doc["compile"], "results": public_results + hidden_results}
    except (ValueError, TypeError, AttributeError, KeyError) as e:
        raise RunFault("the runner's report could not be read: %s" % e)
    return json.dumps(merged).encode()


def _kill_group(proc):
    try:
        os.killpg(proc.pid, 9)
    except OSError:
        pass


def _kill_all_others():
    """Nothing the learner started may outlive the run (and race our upload): as the container's
    init, every other process; otherwise every descendant (see the top)."""
    deadline = time.monotonic() + 2.0
    if os.getpid() != 1:
        _kill_descendants(deadline)
        return
    while time.monotonic() < deadline:
        try:
            os.kill(-1, 9)
        except ProcessLookupError:
            pass
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                time.sleep(0.005)
        except ChildProcessError:
            return


def _kill_descendants(deadline):
    """Kills and reaps our children until there are none: an orphan of a killed process comes to
    us (child subreaper) and is killed in the next round."""
    while time.monotonic() < deadline:
        kids = _children()
        if not kids:
            return
        for pid in kids:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, 9)
                except OSError:
                    pass
        for pid in kids:
            try:
                os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                pass
        time.sleep(0.005)


def _children():
    """Our children (those of every thread of ours), from /proc; empty when the kernel does not list them."""
    kids = set()
    try:
        for tid in os.listdir("/proc/self/task"):
            with open("/proc/self/task/%s/children" % tid, "rb") as f:
                kids.update(int(p) for p in f.read().split())
    except (OSError, ValueError):
        pass
    return kids


def _prctl(option, value):
    try:
        import ctypes
        return ctypes.CDLL(None, use_errno=True).prctl(option, value, 0, 0, 0) == 0
    except Exception:
        return False


def _set_not_dumpable():
    _prctl(4, 0)                # PR_SET_DUMPABLE, 0


def main():
    _set_not_dumpable()
    _prctl(36, 1)               # PR_SET_CHILD_SUBREAPER: what the runs leave behind comes to us
    job_url, result_url = os.environ.pop("JOB_URL", None), os.environ.pop("RESULT_URL", None)
    if not job_url or not result_url:
        print("fargate_entry: JOB_URL and RESULT_URL must be set", file=sys.stderr)
        return 2
    try:
        started = time.monotonic()
        job = download(job_url)
        report = run_job(job)
        _kill_all_others()
        upload(result_url, report)
        print("fargate_entry: report of %d bytes uploaded in %.2f s" % (len(report), time.monotonic() - started),
              file=sys.stderr)
        return 0
    except RunFault as e:
        print("fargate_entry: %s" % e, file=sys.stderr)
        return RUN_FAILED_EXIT
    except Fault as e:
        print("fargate_entry: %s" % e, file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
