# The benchmark's baseline: one bare python3 process running the learner's code on the job's
# tests, with no sandbox, no fork per test and no limits. Reads the same job JSON as the runner.
import json, sys
job = json.load(sys.stdin)
ns = {}
exec(compile(job["code"], "<solution>", "exec"), ns)
fn = ns[job["function"]]
print(json.dumps([fn(*t["args"]) for t in job["tests"]]))
