"""Builds the template context for one checked file and renders the C outputs. The code
snippets come from the types (types.py); this module only arranges them per struct, message,
method and interface.

OUTPUTS is the one list of generated files; codegen/defs.bzl reads it through `idlc outputs`.
"""

import os

import jinja2

from . import ast, names, testgen

OUTPUTS = ["types.h", "codec.h", "codec.c", "client.h", "client.c", "server.h", "server.c",
           "malformed_test.c"]
TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "templates")


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


def bound_types(f):
    """Sorted (kind, N) of every string/bytes type the file uses."""
    found = set()

    def walk(t):
        while t.kind == "array":
            t = t.elem
        if t.kind in ("string", "bytes"):
            found.add((t.kind, t.bound))
    for d in f.decls:
        for fl in getattr(d, "fields", []):
            walk(fl.type)
        for m in getattr(d, "methods", []) + getattr(d, "events", []):
            for fl in m.params + (getattr(m, "results", None) or []):
                walk(fl.type)
    return sorted(found)


class FileContext:
    """Everything the templates need, with names and code snippets precomputed."""

    def __init__(self, f, base, display_path):
        self.f, self.base, self.path = f, base, display_path
        self.cx = names.CNames(f)
        self.abi = f.abi
        self.lib = self.cx.lib
        self.guard = f"{self.lib}_{base}".upper()
        self.consts = [self.const_ctx(c) for c in f.of(ast.Const)]
        self.enums = [self.enum_ctx(e) for e in f.of(ast.Enum)]
        self.structs = [self.struct_ctx(s) for s in f.struct_order]
        self.bound_types = bound_types(f)
        self.interfaces = [self.iface_ctx(i) for i in f.of(ast.Interface)]

    def const_ctx(self, c):
        return {"name": self.cx.const_name(c), "doc": c.doc,
                "value": c_literal(c.value, c.type)}

    def enum_ctx(self, e):
        it = e.type.underlying
        return {"name": self.cx.type_name(e), "doc": e.doc, "ctype": it.name,
                "arg": "uint64_t" if it.name == "u64" else "int64_t",
                "members": [{"name": self.cx.enum_member(e, m), "doc": m.doc,
                             "value": c_literal(m.value, it)} for m in e.members],
                "decl": e}

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
                "size": blk.size, "put_body": indent(put), "get_body": indent(get),
                "check_body": indent(chk), "uses_v": bool(chk)}

    def iface_ctx(self, i):
        n = self.cx.iface_names(i)
        msgs, _ = self.f.layout[i.name]
        by_key = {(m.method.name, m.direction): m for m in msgs}
        methods = [self.method_ctx(i, m, by_key)
                   for m in sorted(i.methods, key=lambda m: m.ordinal)]
        return {"name": i.name, "doc": i.doc, "n": n, "iface_id": i.iface_id,
                "version": i.version, "methods": methods,
                "reserved": sorted(o for o, _ in i.reserved),
                "unknown_ordinals": testgen.unknown_ordinals(i)}

    def method_ctx(self, i, m, by_key):
        cx = self.cx
        req = by_key[(m.name, "request")]
        resp = by_key.get((m.name, "reply"))
        results = m.results or []
        ctx = {"name": m.name, "doc": m.doc, "n": cx.method_names(i, m), "ordinal": m.ordinal,
               "index": m.index, "oneway": m.oneway, "rights": self.abi.rights_c(m.rights_mask),
               "rights_mask": m.rights_mask, "req": self.msg_ctx(req, "req"),
               "resp": self.msg_ctx(resp, "resp") if resp else None,
               "error_valid": (cx.type_name(m.error_enum) + "_valid"
                               if m.error_enum else None),
               "error_name": m.error[0] if m.error else None}
        ctx["in_params"] = [fl.type.c_in_param(cx, fl.name) for fl in m.params]
        ctx["out_params"] = [fl.type.c_out_param(cx, fl.name) for fl in results]
        ctx["copy_in"] = [fl.type.c_copy_in(f"req.{fl.name}", fl.name) for fl in m.params]
        ctx["copy_out"] = [fl.type.c_copy_out(fl.name, f"resp.{fl.name}") for fl in results]
        ctx["handler_args"] = ([fl.type.c_in_arg(f"req.{fl.name}") for fl in m.params]
                               + [fl.type.c_out_arg(f"resp.{fl.name}") for fl in results])
        ctx["test"] = testgen.method_tests(self, m, req)
        return ctx

    def msg_ctx(self, msg, var):
        """Encode/decode/check bodies for one message; var is `req` or `resp`."""
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


def environment():
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             keep_trailing_newline=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             autoescape=False)
    env.filters["cdoc"] = cdoc
    return env


def render(f, base, display_path):
    """Returns {filename: text} for one checked file."""
    ctx = FileContext(f, base, display_path)
    env = environment()
    out = {}
    for suffix in OUTPUTS:
        text = env.get_template(suffix + ".j2").render(ctx=ctx, base=base, path=display_path)
        out[f"{base}_{suffix}"] = text
    return out


def cdoc(lines, tabs=0):
    """Renders doc comment lines as a C comment block (empty string when there are none)."""
    if not lines:
        return ""
    pad = "\t" * tabs
    if len(lines) == 1:
        return f"{pad}/* {lines[0].replace('*/', '* /')} */\n"
    body = "".join(f"{pad} * {line.replace('*/', '* /')}".rstrip() + "\n" for line in lines)
    return f"{pad}/*\n{body}{pad} */\n"
