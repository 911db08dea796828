"""PyQuest's mutant generator: small, plausible bugs planted in a reference solution.

Runs on the HOST with the trusted reference solution only (the mutants themselves are executed in
the sandbox by the Java tool). Pure standard library, Python 3.11.

Usage:  python3 -I mutate.py < solution.py
        python3 -I mutate.py --batch < sources.json    (a JSON list of sources; reports {"reports": [...]},
                                                        one report as below per source, in order)

Report (stdout, one JSON object):
  {"mutants": [{"id": "L4:C11 Eq->NotEq", "operator": "comparison", "line": 4, "column": 11,
                "description": "n % 2 == 0  ->  n % 2 != 0", "source": "<the whole mutant>"}, ...]}
  or, when the solution does not compile: {"error": "..."} and exit status 2.

A mutant's id is its position (line, 0-based column of the mutated node, as Python's ast gives
them) and the change; it depends only on the solution's text, so it is stable across runs and
machines and can be listed in equivalent-mutants.yaml. The order is the order of the nodes in the
source, then the order of the operators below. A mutant whose unparsed source equals the original's
or an earlier mutant's (reading x + 0, x - 0 and x * 1 as x) is dropped: it is no new bug. So is
one that does not compile.

Operators (the "operator" field):
  comparison  < <= > >= == != in/not in is/is not: boundary shift and negation
  arithmetic  + - * / // % ** (and bit operators) swapped, in expressions and augmented
              assignments; x += y becomes x = y; unary minus dropped
  boolean     and <-> or; not dropped; if/while/ternary/filter conditions negated
  constant    integers +1 / -1 (so 0 <-> 1), floats +1 / to 0.0, True <-> False, strings to ""
              and to another string
  range       off-by-one on each bound of range(...); range(n) gets a start of 1
  slice       off-by-one on each slice bound; a missing bound becomes 1 (lower) or -1 (upper)
  branch      if/elif/ternary conditions forced True or False; an if or elif body replaced by pass;
              an elif or else branch dropped; a comprehension's filter dropped
  return      return x -> return None, yield x -> yield None; the values of two returns chosen by
              an if swapped
  statement   a call made for its effect dropped (words.reverse())
  call        min <-> max, any <-> all; methods append <-> extend, lower <-> upper, startswith <->
              endswith, lstrip <-> rstrip, find <-> rfind, index <-> rindex; x.method() -> x;
              sorted(x), reversed(x), abs(x), str(x), int(x), float(x), round(x) -> x; an optional
              last argument dropped (s.split(" "), d.get(k, 0), enumerate(xs, 1), round(x, 2));
              a keyword argument dropped (sorted(xs, key=f) -> sorted(xs))
  loop        break <-> continue
"""
import ast
import copy
import json
import sys

CMP_SWAPS = {
    ast.Lt: (ast.LtE, ast.GtE), ast.LtE: (ast.Lt, ast.Gt),
    ast.Gt: (ast.GtE, ast.LtE), ast.GtE: (ast.Gt, ast.Lt),
    ast.Eq: (ast.NotEq,), ast.NotEq: (ast.Eq,),
    ast.In: (ast.NotIn,), ast.NotIn: (ast.In,),
    ast.Is: (ast.IsNot,), ast.IsNot: (ast.Is,),
}
BIN_SWAPS = {
    ast.Add: (ast.Sub, ast.Mult), ast.Sub: (ast.Add,),
    ast.Mult: (ast.Div, ast.Add), ast.Div: (ast.Mult, ast.FloorDiv),
    ast.FloorDiv: (ast.Div, ast.Mult), ast.Mod: (ast.FloorDiv, ast.Mult),
    ast.Pow: (ast.Mult,),
    ast.BitAnd: (ast.BitOr,), ast.BitOr: (ast.BitAnd,), ast.BitXor: (ast.BitOr,),
    ast.LShift: (ast.RShift,), ast.RShift: (ast.LShift,),
}
# Calls that learners confuse: the builtin or method name swapped for its sibling.
FUNCTION_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}
METHOD_SWAPS = {"append": "extend", "extend": "append", "lower": "upper", "upper": "lower",
                "startswith": "endswith", "endswith": "startswith", "lstrip": "rstrip", "rstrip": "lstrip",
                "find": "rfind", "rfind": "find", "index": "rindex", "rindex": "index"}
# An optional last argument forgotten (s.split(" ") -> s.split()): the name and how many
# arguments the call must have for the last one to be optional.
OPTIONAL_LAST_ARG = {"split": 1, "rsplit": 1, "strip": 1, "lstrip": 1, "rstrip": 1, "pop": 1,
                     "get": 2, "round": 2, "enumerate": 2, "int": 2, "sum": 2}
# A conversion or ordering forgotten: sorted(x) -> x, str(i) -> i, abs(d) -> d.
DROPPABLE_WRAPPERS = {"sorted", "reversed", "abs", "str", "int", "float", "round"}
OTHER_STRING = "XX"


def _name(op):
    return type(op).__name__ if not isinstance(op, type) else op.__name__


def _src(node):
    try:
        return ast.unparse(node)
    except Exception:  # a bare operator or a node unparse cannot print alone
        return type(node).__name__


def _short(text, limit=60):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _is_int(node):
    return isinstance(node, ast.Constant) and type(node.value) is int


def _is_none(node):
    return isinstance(node, ast.Constant) and node.value is None


def _shift(expr, delta):
    """expr + delta, folded where the source would: n + 1 shifted by -1 is n, not n + 1 - 1."""
    if _is_int(expr):
        return ast.Constant(expr.value + delta)
    if isinstance(expr, ast.UnaryOp) and isinstance(expr.op, ast.USub) and _is_int(expr.operand):
        v = -expr.operand.value + delta
        return ast.Constant(v) if v >= 0 else ast.UnaryOp(ast.USub(), ast.Constant(-v))
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, (ast.Add, ast.Sub)) and _is_int(expr.right):
        k = expr.right.value if isinstance(expr.op, ast.Add) else -expr.right.value
        k += delta
        if k == 0:
            return copy.deepcopy(expr.left)
        op = ast.Add() if k > 0 else ast.Sub()
        return ast.BinOp(copy.deepcopy(expr.left), op, ast.Constant(abs(k)))
    return ast.BinOp(copy.deepcopy(expr), ast.Add() if delta > 0 else ast.Sub(), ast.Constant(abs(delta)))


class _Fold(ast.NodeTransformer):
    """x + 0, x - 0, x * 1 read as x: only for telling mutants apart, never in a mutant's source."""

    def visit_BinOp(self, node):
        self.generic_visit(node)
        right = node.right
        if _is_int(right) and ((right.value == 0 and isinstance(node.op, (ast.Add, ast.Sub)))
                               or (right.value == 1 and isinstance(node.op, (ast.Mult, ast.FloorDiv, ast.Pow)))):
            return node.left
        return node


def _key(tree):
    return ast.unparse(_Fold().visit(copy.deepcopy(tree)))


class Site:
    """A place in the tree: the node and how to put something else there (and undo it)."""

    def __init__(self, parent, field, index, node):
        self.parent, self.field, self.index, self.node = parent, field, index, node

    def put(self, new):
        if self.index is None:
            setattr(self.parent, self.field, new)
        else:
            getattr(self.parent, self.field)[self.index] = new

    def restore(self):
        self.put(self.node)


def _sites(tree):
    """Every node with its place, in source order (a pre-order walk by field order)."""
    out = []

    def walk(parent, field, index, node):
        out.append(Site(parent, field, index, node))
        for f, value in ast.iter_fields(node):
            if isinstance(value, list):
                for i, child in enumerate(value):
                    if isinstance(child, ast.AST):
                        walk(node, f, i, child)
            elif isinstance(value, ast.AST):
                walk(node, f, None, value)

    for f, value in ast.iter_fields(tree):
        for i, child in enumerate(value):
            walk(tree, f, i, child)
    return out


class Generator:
    def __init__(self, source):
        self.tree = ast.parse(source)
        self.lines = source.splitlines()
        self.parents = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[id(child)] = node
        self.docstrings = self._docstrings()
        self.seen = {_key(self.tree)}
        self.ids = set()
        self.mutants = []

    def _docstrings(self):
        out = set()
        for node in ast.walk(self.tree):
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
                first = node.body[0]
                if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                    out.add(id(first))
                    out.add(id(first.value))
        return out

    # ------------------------------------------------------------------ emitting

    def emit(self, node, operator, change, description, apply, undo):
        apply()
        try:
            source = ast.unparse(self.tree)
            key = _key(self.tree)
        finally:
            undo()
        if key in self.seen:
            return
        try:
            compile(source, "<mutant>", "exec")
        except (SyntaxError, ValueError):
            return
        self.seen.add(key)
        line, col = getattr(node, "lineno", 0), getattr(node, "col_offset", 0)
        mid = "L%d:C%d %s" % (line, col, change)
        n = 2
        while mid in self.ids:
            mid = "L%d:C%d %s #%d" % (line, col, change, n)
            n += 1
        self.ids.add(mid)
        self.mutants.append({"id": mid, "operator": operator, "line": line, "column": col,
                             "description": description, "source": source + "\n"})

    def replace(self, site, new, operator, change, description):
        if "lineno" in site.node._attributes and not hasattr(new, "lineno"):
            ast.copy_location(new, site.node)  # unparse reads a statement's line for type comments
        self.emit(site.node, operator, change, description, lambda: site.put(new), site.restore)

    def set_attr(self, node, attr, value, operator, change, description):
        old = getattr(node, attr)
        self.emit(node, operator, change, description,
                  lambda: setattr(node, attr, value), lambda: setattr(node, attr, old))

    # ------------------------------------------------------------------ operators

    def run(self):
        for site in _sites(self.tree):
            node = site.node
            if id(node) in self.docstrings:
                continue
            if isinstance(node, ast.Compare):
                self.comparison(node)
            elif isinstance(node, ast.BinOp):
                self.arithmetic(site)
            elif isinstance(node, ast.AugAssign):
                self.aug_assign(site)
            elif isinstance(node, ast.UnaryOp):
                self.unary(site)
            elif isinstance(node, ast.BoolOp):
                self.boolean(node)
            elif isinstance(node, ast.Constant):
                self.constant(site)
            elif isinstance(node, ast.Call):
                self.call(site)
            elif isinstance(node, ast.Slice):
                self.slice(node)
            elif isinstance(node, ast.If):
                self.if_statement(site)
            elif isinstance(node, ast.While):
                self.negate(node, "test", "while")
            elif isinstance(node, ast.IfExp):
                self.if_expression(site)
            elif isinstance(node, ast.comprehension):
                self.comprehension(node)
            elif isinstance(node, ast.Return):
                self.return_statement(site)
            elif isinstance(node, ast.Yield) and node.value is not None and not _is_none(node.value):
                self.replace(site, ast.Yield(ast.Constant(None)), "return", "yield->None",
                             "%s  ->  yield None" % _short(_src(node)))
            elif isinstance(node, ast.Expr):
                self.expression_statement(site)
            elif isinstance(node, (ast.Break, ast.Continue)):
                new = ast.Continue() if isinstance(node, ast.Break) else ast.Break()
                self.replace(site, new, "loop", "%s->%s" % (_name(node), _name(new)),
                             "%s  ->  %s" % (_src(node), _src(new)))
        return self.mutants

    def comparison(self, node):
        for i, op in enumerate(node.ops):
            for new in CMP_SWAPS.get(type(op), ()):
                ops = list(node.ops)
                ops[i] = new()
                before = _src(node)
                suffix = "" if len(node.ops) == 1 else "@%d" % (i + 1)
                old_ops = node.ops
                node.ops = ops
                after = _src(node)
                node.ops = old_ops
                self.set_attr(node, "ops", ops, "comparison", "%s->%s%s" % (_name(op), new.__name__, suffix),
                              "%s  ->  %s" % (_short(before), _short(after)))

    def arithmetic(self, site):
        node = site.node
        for new in BIN_SWAPS.get(type(node.op), ()):
            mutated = ast.BinOp(node.left, new(), node.right)
            self.replace(site, mutated, "arithmetic", "%s->%s" % (_name(node.op), new.__name__),
                         "%s  ->  %s" % (_short(_src(node)), _short(_src(mutated))))

    def aug_assign(self, site):
        node = site.node
        for new in BIN_SWAPS.get(type(node.op), ()):
            mutated = ast.AugAssign(node.target, new(), node.value)
            self.replace(site, mutated, "arithmetic", "%s=->%s=" % (_name(node.op), new.__name__),
                         "%s  ->  %s" % (_short(_src(node)), _short(_src(mutated))))
        plain = ast.copy_location(ast.Assign(targets=[node.target], value=node.value, type_comment=None), node)
        self.replace(site, plain, "arithmetic", "%s=->Assign" % _name(node.op),
                     "%s  ->  %s" % (_short(_src(node)), _short(_src(plain))))

    def unary(self, site):
        node = site.node
        if isinstance(node.op, ast.USub) and _is_int(node.operand):
            self.constant_value(site, -node.operand.value)
        if isinstance(node.op, (ast.USub, ast.Not, ast.Invert)):
            family = "boolean" if isinstance(node.op, ast.Not) else "arithmetic"
            self.replace(site, node.operand, family, "drop-%s" % _name(node.op),
                         "%s  ->  %s" % (_short(_src(node)), _short(_src(node.operand))))

    def boolean(self, node):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        before = _src(node)
        self.set_attr(node, "op", new(), "boolean", "%s->%s" % (_name(node.op), new.__name__),
                      "%s  ->  %s" % (_short(before), _short(_src(ast.BoolOp(new(), node.values)))))

    def constant(self, site):
        node = site.node
        parent = self.parents.get(id(node))
        if isinstance(parent, ast.UnaryOp) and isinstance(parent.op, ast.USub) and _is_int(node):
            return  # -3 is mutated as a whole, by unary()
        if isinstance(parent, ast.FormattedValue) or isinstance(self.parents.get(id(parent)), ast.FormattedValue):
            return  # a format spec: changing it mostly breaks the f-string
        self.constant_value(site, node.value)

    def constant_value(self, site, value):
        def lit(v):
            return ast.Constant(v) if not (type(v) in (int, float) and v < 0) else ast.UnaryOp(ast.USub(), ast.Constant(-v))

        shown = _short(repr(value))
        if type(value) is bool:
            self.replace(site, ast.Constant(not value), "constant", "%s->%s" % (value, not value),
                         "%s  ->  %s" % (value, not value))
        elif type(value) is int:
            for v in (value + 1, value - 1):
                self.replace(site, lit(v), "constant", "%d->%d" % (value, v), "%d  ->  %d" % (value, v))
        elif type(value) is float:
            for v in (value + 1.0, 0.0):
                if v != value:
                    self.replace(site, lit(v), "constant", "%r->%r" % (value, v), "%r  ->  %r" % (value, v))
        elif type(value) is str:
            for v in ("", OTHER_STRING if value != OTHER_STRING else "YY"):
                if v != value:
                    self.replace(site, ast.Constant(v), "constant", "Str->%r" % v, "%s  ->  %r" % (shown, v))

    def call(self, site):
        node = site.node
        if isinstance(node.func, ast.Name) and node.func.id == "range" and 1 <= len(node.args) <= 3 and not node.keywords:
            self.range_call(node)
        for attr, swaps in (("id", FUNCTION_SWAPS), ("attr", METHOD_SWAPS)):
            name = getattr(node.func, attr, None)
            if (attr == "id") != isinstance(node.func, ast.Name) or name not in swaps:
                continue
            before = _src(node)
            setattr(node.func, attr, swaps[name])
            after = _src(node)
            setattr(node.func, attr, name)
            self.set_attr(node.func, attr, swaps[name], "call", "%s->%s" % (name, swaps[name]),
                          "%s  ->  %s" % (_short(before), _short(after)))
        # x.method() with no arguments used for its value: the call dropped (s.lower() -> s).
        parent = self.parents.get(id(node))
        if (isinstance(node.func, ast.Attribute) and not node.args and not node.keywords
                and not isinstance(parent, ast.Expr)):
            receiver = node.func.value
            self.replace(site, receiver, "call", "drop-call-%s" % node.func.attr,
                         "%s  ->  %s" % (_short(_src(node)), _short(_src(receiver))))
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
        if (isinstance(node.func, ast.Name) and name in DROPPABLE_WRAPPERS and node.args
                and not isinstance(node.args[0], ast.Starred)):
            self.replace(site, node.args[0], "call", "drop-call-%s" % name,
                         "%s  ->  %s" % (_short(_src(node)), _short(_src(node.args[0]))))
        if (name in OPTIONAL_LAST_ARG and len(node.args) >= OPTIONAL_LAST_ARG[name]
                and not any(isinstance(a, ast.Starred) for a in node.args)):
            args = node.args[:-1]
            self.set_attr(node, "args", args, "call", "drop-last-arg-%s" % name,
                          "%s  ->  %s" % (_short(_src(node)), _short(_src(ast.Call(node.func, args, node.keywords)))))
        for i, kw in enumerate(node.keywords):
            if kw.arg is None:
                continue  # **kwargs
            keywords = node.keywords[:i] + node.keywords[i + 1:]
            self.set_attr(node, "keywords", keywords, "call", "drop-keyword-%s" % kw.arg,
                          "%s  ->  %s" % (_short(_src(node)), _short(_src(ast.Call(node.func, node.args, keywords)))))

    def range_call(self, node):
        bounds = ["start", "stop"] if len(node.args) >= 2 else ["stop"]
        for i, label in enumerate(bounds):
            arg = node.args[i]
            for delta in (1, -1):
                args = list(node.args)
                args[i] = _shift(arg, delta)
                self.set_attr(node, "args", args, "range", "range-%s%+d" % (label, delta),
                              "%s  ->  %s" % (_short(_src(node)), _short(_src(ast.Call(node.func, args, [])))))
        if len(node.args) == 1:
            args = [ast.Constant(1), node.args[0]]
            self.set_attr(node, "args", args, "range", "range-start=1",
                          "%s  ->  %s" % (_short(_src(node)), _short(_src(ast.Call(node.func, args, [])))))

    def slice(self, node):
        for attr, missing in (("lower", 1), ("upper", -1)):
            value = getattr(node, attr)
            candidates = [(_shift(value, d), "%s%+d" % (attr, d)) for d in (1, -1)] if value is not None \
                else [(ast.Constant(missing), "%s=%d" % (attr, missing))]
            for new, change in candidates:
                before = _src(node)
                setattr(node, attr, new)
                after = _src(node)
                setattr(node, attr, value)
                self.set_attr(node, attr, new, "slice", "slice-" + change,
                              "[%s]  ->  [%s]" % (_short(before), _short(after)))

    def negate(self, node, attr, what):
        test = getattr(node, attr)
        if isinstance(test, (ast.Compare, ast.Constant)) or (isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not)):
            return  # a comparison is negated by its operator swaps, not x by dropping the not, a constant by the constants
        negated = ast.UnaryOp(ast.Not(), test)
        self.set_attr(node, attr, negated, "boolean", "negate-%s" % what,
                      "%s %s  ->  %s %s" % (what, _short(_src(test)), what, _short(_src(negated))))

    def if_statement(self, site):
        node = site.node
        kind = "elif" if self._is_elif(node) else "if"
        for value in (True, False):
            self.set_attr(node, "test", ast.Constant(value), "branch", "%s-%s" % (kind, value),
                          "%s %s  ->  %s %s" % (kind, _short(_src(node.test)), kind, value))
        self.negate(node, "test", kind)
        if not (len(node.body) == 1 and isinstance(node.body[0], ast.Pass)):
            self.set_attr(node, "body", [ast.Pass()], "branch", "%s-body->pass" % kind,
                          "the body of %s %s replaced by pass" % (kind, _short(_src(node.test))))
        if node.orelse:
            if len(node.orelse) == 1 and isinstance(node.orelse[0], ast.If) and self._is_elif(node.orelse[0]):
                inner = node.orelse[0]
                self.set_attr(node, "orelse", inner.orelse, "branch", "drop-elif",
                              "the branch elif %s dropped" % _short(_src(inner.test)))
            else:
                self.set_attr(node, "orelse", [], "branch", "drop-else",
                              "the else branch of %s %s dropped" % (kind, _short(_src(node.test))))
        # if c: ... return a  else: ... return b   and   if c: ... return a  /  return b
        if node.body and isinstance(node.body[-1], ast.Return):
            other = None
            if node.orelse and isinstance(node.orelse[-1], ast.Return):
                other = node.orelse[-1]
            elif not node.orelse and site.index is not None:
                block = getattr(site.parent, site.field)
                if site.index + 1 < len(block) and isinstance(block[site.index + 1], ast.Return):
                    other = block[site.index + 1]
            if other is not None:
                a, b = node.body[-1], other
                if _src(a) != _src(b):
                    av, bv = a.value, b.value

                    def swap():
                        a.value, b.value = bv, av

                    def back():
                        a.value, b.value = av, bv

                    self.emit(node, "return", "swap-returns",
                              "%s and %s swapped" % (_short(_src(a), 40), _short(_src(b), 40)), swap, back)

    def _is_elif(self, node):
        """The ast of elif c: is that of else: if c:, only the source tells them apart."""
        parent = self.parents.get(id(node))
        if not (isinstance(parent, ast.If) and len(parent.orelse) == 1 and parent.orelse[0] is node):
            return False
        line = self.lines[node.lineno - 1] if 0 < node.lineno <= len(self.lines) else ""
        return line.encode("utf-8")[node.col_offset:].startswith(b"elif")

    def if_expression(self, site):
        node = site.node
        for value, kept in ((True, node.body), (False, node.orelse)):
            self.replace(site, kept, "branch", "ifexp-%s" % value,
                         "%s  ->  %s" % (_short(_src(node)), _short(_src(kept))))
        self.negate(node, "test", "ternary")

    def comprehension(self, node):
        for i, cond in enumerate(node.ifs):
            ifs = node.ifs[:i] + node.ifs[i + 1:]
            old = node.ifs
            self.emit(cond, "branch", "drop-filter", "the filter if %s dropped" % _short(_src(cond)),
                      lambda ifs=ifs: setattr(node, "ifs", ifs), lambda: setattr(node, "ifs", old))
            if not isinstance(cond, ast.Compare):
                negated = list(old)
                negated[i] = ast.UnaryOp(ast.Not(), cond)
                self.emit(cond, "boolean", "negate-filter", "if %s  ->  if %s" % (_short(_src(cond)), _short(_src(negated[i]))),
                          lambda neg=negated: setattr(node, "ifs", neg), lambda: setattr(node, "ifs", old))

    def return_statement(self, site):
        node = site.node
        if node.value is None or _is_none(node.value):
            return
        self.replace(site, ast.Return(ast.Constant(None)), "return", "return->None",
                     "%s  ->  return None" % _short(_src(node)))

    def expression_statement(self, site):
        node = site.node
        if not isinstance(node.value, ast.Call):
            return
        block = getattr(site.parent, site.field)
        index = site.index

        def drop():
            del block[index]
            if not block:
                block.append(ast.Pass())

        def back():
            if len(block) == 1 and isinstance(block[0], ast.Pass) and block[0] is not node:
                block.clear()
            block.insert(index, node)

        self.emit(node, "statement", "drop-call", "the statement %s dropped" % _short(_src(node)), drop, back)


def report(source):
    try:
        compile(source, "<solution>", "exec")
        gen = Generator(source)
    except (SyntaxError, ValueError) as e:
        return {"error": "the solution does not compile: %s" % e}
    return {"mutants": gen.run()}


def main():
    if sys.argv[1:] == ["--batch"]:
        sources = json.load(sys.stdin)
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            json.dump({"error": "--batch reads a JSON list of sources"}, sys.stdout)
            return 2
        json.dump({"reports": [report(s) for s in sources]}, sys.stdout, ensure_ascii=True)
        sys.stdout.write("\n")
        return 0
    if sys.argv[1:]:
        json.dump({"error": "usage: mutate.py [--batch] < source"}, sys.stdout)
        return 2
    out = report(sys.stdin.read())
    json.dump(out, sys.stdout, ensure_ascii=True)
    sys.stdout.write("\n")
    return 2 if "error" in out else 0


if __name__ == "__main__":
    sys.exit(main())
