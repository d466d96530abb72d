"""Builds the template context for one checked file and renders the C outputs. The code
snippets come from the types (types.py); this module only arranges them per struct, message,
method, event and interface.

The list of generated files lives in codegen/outputs.bzl, shared with the Bazel rule.
"""

import ast as pyast
import os

import jinja2

from . import ast, ctext, layout, names, testgen

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


def indent(lines, n=1):
    pad = "\t" * n
    return "\n".join(pad + line if line else line for line in lines)


def padding_checks(blk, ptr):
    out = []
    for o, n in blk.padding:
        out += [f"if (!idl_all_zero({ptr} + {o}u, {n}u))", "\treturn ERR_PROTOCOL;"]
    return out


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
    """Everything the templates need, with names and code snippets precomputed."""

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
        self.uses_corrupt = bool(self.interfaces) or any(s["test"]["corruptions"]
                                                         for s in self.structs)

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
        put, get, chk = [], padding_checks(blk, "p"), []
        for slot in blk.slots:
            put += slot.type.c_put(cx, f"v->{slot.name}", f"p + {slot.offset}u")
            get += slot.type.c_get(cx, f"v->{slot.name}", f"p + {slot.offset}u")
            chk += slot.type.c_check(cx, f"v->{slot.name}")
        return {"name": cx.type_name(s), "doc": s.doc, "fields": self.fields_decl(s.fields),
                "idl": s.name, "size": blk.size, "put_body": indent(put),
                "get_body": indent(get), "check_body": indent(chk), "uses_v": bool(chk),
                "test": testgen.struct_tests(self, s)}

    def iface_ctx(self, i):
        msgs, events = layout.of(self.f)[i.name]
        by_key = {(m.method.name, m.direction): m for m in msgs + events}
        methods = [self.method_ctx(i, m, by_key)
                   for m in sorted(i.methods, key=lambda m: m.ordinal)]
        events = [self.event_ctx(i, e, by_key) for e in sorted(i.events, key=lambda e: e.ordinal)]
        return {"name": i.name, "doc": i.doc, "n": self.cx.iface_names(i),
                "iface_id": i.iface_id, "version": i.version, "methods": methods,
                "events": events, "reserved": sorted(o for o, _ in i.reserved),
                "unknown_ordinals": testgen.unknown_ordinals(i),
                "not_events": testgen.non_event_ordinals(i),
                "needs_no_corruption": any(not x["test"]["corruptions"]
                                           for x in methods + events)}

    def params(self, params, results=()):
        """C parameter lists of a method or event: with the IDL's names (headers, client),
        and with generated names idl_p0... (the test's handler stubs)."""
        cx = self.cx
        named = ([fl.type.c_in_param(cx, fl.name) for fl in params]
                 + [fl.type.c_out_param(cx, fl.name) for fl in results])
        anon = ([fl.type.c_in_param(cx, f"idl_p{k}") for k, fl in enumerate(params)]
                + [fl.type.c_out_param(cx, f"idl_p{len(params) + k}")
                   for k, fl in enumerate(results)])
        return named, anon

    def method_ctx(self, i, m, by_key):
        cx = self.cx
        req = by_key[(m.name, "request")]
        resp = by_key.get((m.name, "reply"))
        results = m.results or []
        named, anon = self.params(m.params, results)
        err = m.error_enum
        return {"name": m.name, "doc": m.doc, "n": cx.method_names(i, m), "ordinal": m.ordinal,
                "index": m.index, "oneway": m.oneway, "rights": self.abi.rights_c(m.rights_mask),
                "rights_mask": m.rights_mask, "rights_text": self.abi.rights_text(m.rights_mask),
                "req": self.msg_ctx(req, "req"),
                "resp": self.msg_ctx(resp, "resp") if resp else None,
                "error_type": cx.type_name(err) if err else None,
                "error_name": err.name if err else None,
                "params": named, "stub_params": anon, "param_docs": param_docs(m.params, results),
                "copy_in": [fl.type.c_copy_in(f"idl_req.{fl.name}", fl.name) for fl in m.params],
                "copy_out": [fl.type.c_copy_out(fl.name, f"idl_resp.{fl.name}")
                             for fl in results],
                "handler_args": ([fl.type.c_in_arg(f"req.{fl.name}") for fl in m.params]
                                 + [fl.type.c_out_arg(f"resp.{fl.name}") for fl in results]),
                "test": testgen.method_tests(self, m, req)}

    def event_ctx(self, i, e, by_key):
        msg = by_key[(e.name, "event")]
        named, anon = self.params(e.params)
        return {"name": e.name, "doc": e.doc, "n": self.cx.event_names(i, e),
                "ordinal": e.ordinal, "index": e.index, "msg": self.msg_ctx(msg, "event"),
                "params": named, "stub_params": anon, "param_docs": param_docs(e.params, []),
                "copy_in": [fl.type.c_copy_in(f"idl_event.{fl.name}", fl.name)
                            for fl in e.params],
                "handler_args": [fl.type.c_in_arg(f"event.{fl.name}") for fl in e.params],
                "test": testgen.event_tests(self, e, msg)}

    def msg_ctx(self, msg, var):
        """Encode/decode/check bodies for one message; var is `req`, `resp` or `event`."""
        cx = self.cx
        put, get, chk = [], padding_checks(msg.block, "p"), []
        for slot in msg.block.slots:
            lval = f"{var}->{slot.name}"
            put += slot.type.c_put(cx, lval, f"p + {slot.offset}u")
            get += slot.type.c_get(cx, lval, f"p + {slot.offset}u")
        for fl in msg.fields:
            chk += fl.type.c_check(cx, f"{var}->{fl.name}")
        caps = [{"slot": s, "name": fl.name, "type": fl.type.c_type_macro(),
                 "rights": self.abi.rights_c(fl.type.rights)} for s, fl in msg.caps]
        return {"length": msg.length, "fields": self.fields_decl(msg.fields), "caps": caps,
                "put_body": indent(put), "get_body": indent(get), "check_body": indent(chk),
                "has_data": bool(msg.block.slots), "has_check": bool(chk), "layout": msg}


def param_docs(params, results):
    """`name: doc` lines for the parameters and results that have doc comments."""
    return [f"{fl.name}: {' '.join(fl.doc)}" for fl in list(params) + list(results) if fl.doc]


def environment():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             keep_trailing_newline=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             autoescape=False)
    env.filters["cdoc"] = ctext.cdoc
    env.filters["cstr"] = ctext.c_string
    env.globals["wrap"] = ctext.wrap
    env.globals["define"] = ctext.define
    return env


def render(f, base, display_path):
    """Returns {filename: text} for one checked file."""
    ctx = FileContext(f, base, display_path)
    env = environment()
    out = {}
    for suffix in OUTPUTS:
        text = env.get_template(suffix + ".j2").render(ctx=ctx, base=base, path=display_path)
        out[f"{base}_{suffix}"] = ctext.fold(text)
    return out
