// Run, in the browser: Pyodide in a dedicated worker runs the learner's code on the public examples only.
// Nothing here is judged or rewarded (Submit is judged on the server). A runaway program is stopped by the
// page terminating this worker and starting a fresh one: Python cannot be interrupted from outside without
// cross-origin isolation (SharedArrayBuffer), and terminating always works.
import type { PyodideAPI } from "pyodide";
import type { WorkerRequest, WorkerMessage } from "./protocol";

declare const __PYODIDE_BASE__: string;

interface WorkerScope {
  postMessage(message: WorkerMessage): void;
  onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null;
}
const scope = self as unknown as WorkerScope;

// The judge's comparison, in Python, so a Run agrees with a Submit on public examples:
//  - the example's input is the call `f(arg, ...)` as Python literals, its output the expected value as a literal
//    (CatalogFunction writes both from the exercise's JSON args and expected);
//  - the returned value must be plain JSON data (runner.py's serialise: str, None, bool, int, finite float,
//    list/tuple, dict with str keys), else it is "not plain data", a wrong answer;
//  - equality is JsonEquality's exact one: types matter (1 != 1.0 != True), ints compare as integers,
//    floats with ==, lists in order, dicts by key.
const HARNESS = String.raw`
import ast, io, json, sys, traceback

class _NotPlain(Exception):
    pass

def _plain(v, depth=0):
    if depth > 100:
        raise _NotPlain("a value nested more than 100 levels deep")
    t = type(v)
    if v is None or t is str or t is bool or t is int:
        return v
    if t is float:
        if v != v or v in (float("inf"), float("-inf")):
            raise _NotPlain("a float that is not finite (%r)" % v)
        return v
    if t is list or t is tuple:
        return [_plain(x, depth + 1) for x in v]
    if t is dict:
        out = {}
        for k, x in v.items():
            if type(k) is not str:
                raise _NotPlain("a dict with a key of type %s" % type(k).__name__)
            out[k] = _plain(x, depth + 1)
        return out
    raise _NotPlain("a value of type %s" % t.__name__)

def _same(e, a):
    te, ta = type(e), type(a)
    if te is bool or ta is bool:
        return te is ta and e == a
    if te is int and ta is int:
        return e == a
    if te is float and ta is float:
        return e == a
    if te is not ta:
        return False
    if te is list:
        return len(e) == len(a) and all(_same(x, y) for x, y in zip(e, a))
    if te is dict:
        return e.keys() == a.keys() and all(_same(e[k], a[k]) for k in e)
    return e == a

def _learner_line(exc):
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == "<solution>":
            line = frame.lineno
    return line

def _pq_run(code, function, examples_json):
    examples = json.loads(examples_json)
    try:
        compiled = compile(code, "<solution>", "exec")
    except SyntaxError as e:
        return json.dumps({"compile": {"ok": False, "line": e.lineno, "message": e.msg}, "results": []})
    results = []
    for ex in examples:
        r = {"name": ex.get("name", ""), "input": ex["input"], "expected": ex["output"], "stdout": ""}
        buf = io.StringIO()
        old = sys.stdout
        sys.stdout = buf
        try:
            call = ast.parse(ex["input"], mode="eval").body
            args = [ast.literal_eval(a) for a in call.args]
            expected = ast.literal_eval(ex["output"])
            namespace = {"__name__": "__main__"}
            exec(compiled, namespace)
            fn = namespace.get(function)
            if not callable(fn):
                r.update(status="RUNTIME_ERROR", message="the function %s is not defined" % function)
            else:
                value = fn(*args)
                try:
                    got = _plain(value)
                    r["got"] = repr(got)
                    r["status"] = "PASSED" if _same(expected, got) else "WRONG_ANSWER"
                    r["message"] = "passed" if r["status"] == "PASSED" else "wrong answer"
                except _NotPlain as e:
                    r.update(status="WRONG_ANSWER", got=repr(value)[:200],
                             message="the function returned something that is not plain data (numbers, strings, booleans, None, lists, dicts): %s" % e)
        except BaseException as e:
            if isinstance(e, SystemExit):
                message = "the code exited instead of returning a value"
            else:
                message = "%s: %s" % (type(e).__name__, e)
            line = _learner_line(e)
            if line is not None:
                message += " (line %d)" % line
            r.update(status="RUNTIME_ERROR", message=message)
        finally:
            sys.stdout = old
        r["stdout"] = buf.getvalue()[:8192]
        results.append(r)
    return json.dumps({"compile": {"ok": True}, "results": results})
`;

let pyodide: PyodideAPI | null = null;
const queue: WorkerRequest[] = [];

async function start(): Promise<void> {
  const began = performance.now();
  scope.postMessage({ type: "progress", stage: "Downloading Python (about 13 MB, once)" });
  // A URL held in a variable: esbuild leaves the import alone and the browser fetches it from our origin.
  const loaderUrl = `${__PYODIDE_BASE__}pyodide.mjs`;
  const mod = (await import(/* @vite-ignore */ loaderUrl)) as { loadPyodide: (o: object) => Promise<PyodideAPI> };
  scope.postMessage({ type: "progress", stage: "Starting Python" });
  const py = await mod.loadPyodide({ indexURL: __PYODIDE_BASE__, packages: [], stdout: () => {}, stderr: () => {} });
  py.runPython(HARNESS);
  pyodide = py;
  scope.postMessage({ type: "ready", ms: Math.round(performance.now() - began) });
  while (queue.length) run(queue.shift()!);
}

function run(req: WorkerRequest): void {
  const py = pyodide!;
  const began = performance.now();
  try {
    const fn = py.globals.get("_pq_run") as (code: string, f: string, ex: string) => string;
    const report = JSON.parse(fn(req.code, req.function, JSON.stringify(req.examples)));
    scope.postMessage({ type: "result", id: req.id, ms: Math.round(performance.now() - began), ...report });
  } catch (e) {
    scope.postMessage({ type: "failed", id: req.id, message: e instanceof Error ? e.message : String(e) });
  }
}

scope.onmessage = (e) => {
  if (pyodide) run(e.data);
  else queue.push(e.data);
};

start().catch((e: unknown) => {
  scope.postMessage({ type: "broken", message: e instanceof Error ? e.message : String(e) });
});
