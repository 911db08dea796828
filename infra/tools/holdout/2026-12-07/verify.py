#!/usr/bin/env python3
"""Re-check holdout entries: rule 1 (passes every public example) and rule 2 (differs from solution.py on witness)."""
import json, os, sys, subprocess, copy, math
import yaml
HERE = os.path.dirname(os.path.abspath(__file__))
# The repository's content/exercises (this folder is infra/tools/holdout/<date>/).
EX = os.path.join(HERE, '..', '..', '..', '..', 'content', 'exercises')

def public(slug):
    d = yaml.safe_load(open(f'{EX}/{slug}/exercise.yaml'))
    return {k: d.get(k) for k in ('function', 'inputsUnchanged', 'examples', 'checker')}

CHILD = r'''
import sys, json, copy, math, importlib.util, traceback

def load(path, name):
    spec = importlib.util.spec_from_file_location(name, path)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m); return m
def norm(v):
    if isinstance(v, tuple): return [norm(x) for x in v]
    if isinstance(v, list): return [norm(x) for x in v]
    if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
    return v
def eq(a, b):
    a, b = norm(a), norm(b)
    if type(a) is not type(b): return False
    if isinstance(a, float):
        if math.isnan(a) and math.isnan(b): return True
        return a == b or abs(a - b) <= 1e-9 * max(abs(a), abs(b))
    if isinstance(a, list): return len(a) == len(b) and all(eq(x, y) for x, y in zip(a, b))
    if isinstance(a, dict): return a.keys() == b.keys() and all(eq(a[k], b[k]) for k in a)
    return a == b
def multiset_eq(a, b):
    a, b = norm(a), norm(b)
    if not isinstance(a, list) or not isinstance(b, list) or len(a) != len(b): return False
    rest = list(b)
    for x in a:
        for i, y in enumerate(rest):
            if eq(x, y): del rest[i]; break
        else: return False
    return True
job = json.loads(sys.stdin.read())
ref = load(job['solution'], 'ref_mod'); wrong = load(job['wrong'], 'wrong_mod')
fn = job['function']
out = {'examples_ok': True, 'fail': None}
for ex in job['examples']:
    args = copy.deepcopy(ex['args'])
    try:
        got = getattr(wrong, fn)(*args)
    except Exception as e:
        out['examples_ok'] = False; out['fail'] = f"{ex.get('name')}: raised {e!r}"; break
    ok = multiset_eq(got, ex['expected']) if job['checker'] == 'unordered' else eq(got, ex['expected'])
    if not ok:
        out['examples_ok'] = False; out['fail'] = f"{ex.get('name')}: got {got!r} expected {ex['expected']!r}"; break
w = job['witness']
orig = copy.deepcopy(w)
a1 = copy.deepcopy(w)
try:
    r1 = getattr(ref, fn)(*a1)
except Exception as e:
    out['witness_valid'] = False; out['witness'] = f'reference raised {e!r}'
    print(json.dumps(out)); sys.exit()
out['witness_valid'] = True
a2 = copy.deepcopy(w)
try:
    r2 = getattr(wrong, fn)(*a2); raised = None
except BaseException as e:
    r2 = None; raised = repr(e)
differs = False; how = ''
if raised is not None:
    differs = True; how = 'wrong raised ' + raised[:200]
elif not (multiset_eq(r2, r1) if job['checker'] == 'unordered' else eq(r2, r1)):
    differs = True; how = f'ref={r1!r:.150} wrong={r2!r:.150}'
if job['inputsUnchanged'] and not eq(a2, orig):
    differs = True; how += ' | wrong mutated args'
out['differs'] = differs; out['how'] = how
print(json.dumps(out, default=repr))
'''

def check(entry):
    slug = entry['slug']
    meta = public(slug)
    job = {'solution': f'{EX}/{slug}/solution.py', 'wrong': os.path.join(HERE, slug, entry['file']),
           'function': meta['function'], 'examples': meta['examples'] or [], 'checker': meta.get('checker'),
           'inputsUnchanged': bool(meta.get('inputsUnchanged')), 'witness': entry['witness']['args']}
    try:
        p = subprocess.run([sys.executable, '-c', CHILD], input=json.dumps(job), capture_output=True, text=True, timeout=5)
        if p.returncode != 0 or not p.stdout.strip():
            return {'examples_ok': False, 'fail': 'child error: ' + p.stderr[-300:]}
        return json.loads(p.stdout)
    except subprocess.TimeoutExpired:
        # A hang on the witness also counts as a difference only if the examples passed; re-run examples alone is overkill: report.
        return {'examples_ok': False, 'fail': 'timeout (5 s)'}

def main():
    manifest = json.load(open(os.path.join(HERE, 'manifest.json')))
    valid = 0; slugs = set(); bad = []
    for e in manifest:
        r = check(e)
        ok = r.get('examples_ok') and r.get('witness_valid') and r.get('differs')
        if ok:
            valid += 1; slugs.add(e['slug'])
        else:
            bad.append((e['slug'], e['file'], r))
        if '-v' in sys.argv:
            print(('OK  ' if ok else 'BAD ') + f"{e['slug']}/{e['file']}: {r.get('how') or r.get('fail') or r.get('witness')}")
    for s, f, r in bad:
        print('INVALID', s, f, r)
    print(f'entries: {len(manifest)}  valid: {valid}  exercises covered (valid): {len(slugs)}')
    return 0 if valid == len(manifest) else 1

if __name__ == '__main__':
    sys.exit(main())
