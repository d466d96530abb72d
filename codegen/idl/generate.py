"""Builds the template context for one checked file and renders the C outputs. The code
snippets come from the types (types.py); this module only arranges them per struct, message,
method, event and interface.

The list of generated files lives in codegen/outputs.bzl, shared with the Bazel rule.
"""

import ast as pyast
import itertools
import os

import jinja2

from . import ast, ctext, layout, names, testgen
from .contexts import EventCtx, MethodCtx, codec_lines, indent

CODEGEN_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TEMPLATE_DIR = os.path.join(CODEGEN_DIR, "templates")


def read_outputs(path=os.path.join(CODEGEN_DIR, "outputs.bzl")):
    """IDL_OUTPUTS from outputs.bzl: the suffixes of the files `gen` writes."""
    with open(path, encoding="utf-8") as fh:
        tree = pyast.parse(fh.read(), path)
    for node in tree.body:
        if isinstance(node, pyast.Assign) and node.targets[0].id == "IDL_OUTPUTS":
            return pyast.literal_eval(node.value)
    raise RuntimeError(f"{path} defines no IDL_OUTPUTS")


OUTPUTS = read_outputs()


def c_literal(value, it):
    """A C literal for value in integer type it, free of sign-compare surprises."""
    if value < -0x7FFFFFFF:
        return f"({value + 1}ll - 1)"
    if value < 0:
        return f"({value})"
    if value <= 0x7FFFFFFF:
        return str(value)
    return f"{value}ll" if it.signed else f"{value}ull"


def literal_bounded(f):
    """Sorted (kind, N) of every string/bytes type the file bounds with a number."""
    found = set()
    for fl in f.all_fields():
        t = fl.type
        while t.kind == "array":
            t = t.elem
        if t.kind in ("string", "bytes") and t.const is None:
            found.add((t.kind, t.bound))
    return sorted(found)


class FileContext:
    """Everything the templates need: names and snippets of the file's declarations, and
    small contexts for methods and events that make their snippets when asked."""

    def __init__(self, f, base, display_path):
        self.f, self.base, self.path = f, base, display_path
        self.cx = names.CNames(f)
        self.abi = f.abi
        self.lib = self.cx.lib
        self.guard = f"{self.lib}_{base}".upper()
        self.abi_asserts = f.abi.static_asserts()
        self.statuses = sorted(f.abi.errors.items(), key=lambda kv: -kv[1])
        self.error_enums = {id(m.error_enum) for i in f.of(ast.Interface) for m in i.methods
                            if m.error_enum is not None}
        self.consts = [self.const_ctx(c) for c in f.of(ast.Const)]
        self.enums = [self.enum_ctx(e) for e in f.of(ast.Enum)]
        self.literal_bounded = literal_bounded(f)
        self.bounded = [self.bounded_ctx(k, c) for k, c in names.bounded_types(f)]
        self.structs = [self.struct_ctx(s) for s in f.struct_order]
        self.interfaces = [self.iface_ctx(i) for i in f.of(ast.Interface)]

    def const_ctx(self, c):
        return {"name": self.cx.const_name(c), "doc": c.doc, "value": c_literal(c.value, c.type),
                "idl": c.name}

    def enum_ctx(self, e):
        it = e.type.underlying
        return {"name": self.cx.type_name(e), "doc": e.doc, "ctype": it.name, "idl": e.name,
                "arg": "uint64_t" if it.name == "u64" else "int64_t",
                "members": [{"name": self.cx.enum_member(e, m), "doc": m.doc, "idl": m.name,
                             "value": c_literal(m.value, it)} for m in e.members],
                "bad": None if e.type.bad_value() is None else c_literal(e.type.bad_value(), it),
                "is_error": id(e) in self.error_enums}

    def bounded_ctx(self, kind, const):
        return {"name": self.cx.bounded_name(kind, const), "kind": kind,
                "ctype": "char" if kind == "string" else "uint8_t",
                "macro": self.cx.const_name(const), "idl": f"{kind}<{const.name}>"}

    def fields_decl(self, fields):
        return [{"decl": fl.type.c_decl(self.cx, fl.name), "doc": fl.doc} for fl in fields]

    def struct_ctx(self, s):
        cx, blk = self.cx, s.type.block
        put, get, chk = codec_lines(cx, blk, s.fields, "v->")
        return {"name": cx.type_name(s), "doc": s.doc, "fields": self.fields_decl(s.fields),
                "idl": s.name, "size": blk.size, "put_body": indent(put),
                "get_body": indent(get), "check_body": indent(chk), "uses_v": bool(chk),
                "test": testgen.struct_tests(self, s)}

    def iface_ctx(self, i):
        msgs, events = layout.of(self.f)[i.name]
        by_key = {(m.method.name, m.direction): m for m in msgs + events}
        methods = [MethodCtx(self, i, m, by_key[(m.name, "request")],
                             by_key.get((m.name, "reply")))
                   for m in sorted(i.methods, key=lambda m: m.ordinal)]
        events = [EventCtx(self, i, e, by_key[(e.name, "event")])
                  for e in sorted(i.events, key=lambda e: e.ordinal)]
        return {"name": i.name, "doc": i.doc, "n": self.cx.iface_names(i),
                "iface_id": i.iface_id, "version": i.version, "methods": methods,
                "events": events, "reserved": sorted(o for o, _ in i.reserved),
                "unknown_ordinals": testgen.unknown_ordinals(i),
                "not_events": testgen.non_event_ordinals(i),
                "needs_no_corruption": not all(x.has_bad for x in methods + events)}


class Environment(jinja2.Environment):
    """Jinja's environment, looking names up in context dicts first: `m.name` on a dict would
    otherwise fail as an attribute (an exception) before it is tried as a key, millions of
    times for a large file."""

    def getattr(self, obj, attribute):
        if type(obj) is dict:
            try:
                return obj[attribute]
            except KeyError:
                pass
        else:
            try:
                return getattr(obj, attribute)
            except AttributeError:
                pass
        return super().getattr(obj, attribute)


def environment():
    env = Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             keep_trailing_newline=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             autoescape=False, auto_reload=False)
    env.filters["cdoc"] = ctext.cdoc
    env.filters["cstr"] = ctext.c_string
    env.globals["wrap"] = ctext.wrap
    env.globals["define"] = ctext.define
    return env


def folded(chunks, batch=8192):
    """The chunks of a template's output with long lines folded (ctext.fold), cut at line
    ends so no line is split; joined `batch` chunks at a time, so little is held at once."""
    rest = ""
    while True:
        text = rest + "".join(itertools.islice(chunks, batch))
        if len(text) == len(rest):
            break
        cut = text.rfind("\n") + 1
        yield ctext.fold(text[:cut])
        rest = text[cut:]
    yield ctext.fold(rest)


def render_stream(f, base, display_path):
    """(filename, chunks) for each output of one checked file; the chunks are made as they
    are consumed, so a large file's outputs never have to be in memory at once."""
    ctx = FileContext(f, base, display_path)
    env = environment()
    for suffix in OUTPUTS:
        chunks = env.get_template(suffix + ".j2").generate(ctx=ctx, base=base,
                                                            path=display_path)
        yield f"{base}_{suffix}", folded(chunks)


def render(f, base, display_path):
    """Returns {filename: text} for one checked file."""
    return {name: "".join(chunks) for name, chunks in render_stream(f, base, display_path)}
