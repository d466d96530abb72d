"""Builds the template context for one checked file and renders the C outputs.

Output files for <base>.idl: <base>_types.h, <base>_codec.h, <base>_codec.c, <base>_client.h,
<base>_client.c, <base>_server.h, <base>_server.c and <base>_malformed_test.c.
"""

import os

import jinja2

from . import ast, cnames, layout, testgen
from .cemit import CEmit, int_name

OUTPUTS = ["types.h", "codec.h", "codec.c", "client.h", "client.c", "server.h", "server.c",
           "malformed_test.c"]
TEMPLATE_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "templates")
CAP_MACROS = {v: "CAP_TYPE_" + k.upper() for k, v in
              {"endpoint": 1, "channel": 2, "memory": 3, "irq": 4, "ioport": 5, "unit": 6,
               "thread": 7}.items()}
RIGHT_MACROS = [(1, "CAP_RIGHT_READ"), (2, "CAP_RIGHT_WRITE"), (4, "CAP_RIGHT_EXECUTE"),
                (8, "CAP_RIGHT_GRANT"), (16, "CAP_RIGHT_ADMIN")]
CAP_IDS = {"endpoint": 1, "channel": 2, "memory": 3, "irq": 4, "ioport": 5, "unit": 6,
           "thread": 7}


def rights_expr(mask):
    parts = [name for bit, name in RIGHT_MACROS if mask & bit]
    return " | ".join(parts) if parts else "0u"


def c_literal(value, it):
    """A C literal for value in integer type it, free of sign-compare surprises."""
    signed = ast.INT_TYPES[it][1]
    if value < -0x7FFFFFFF:
        return f"({value + 1}ll - 1)"
    if value < 0:
        return f"({value})"
    if value <= 0x7FFFFFFF:
        return str(value)
    return f"{value}ll" if signed else f"{value}ull"


def indent(lines, n=1):
    pad = "\t" * n
    return "\n".join(pad + line if line else line for line in lines)


class FileContext:
    """Everything the templates need, with names and code snippets precomputed."""

    def __init__(self, f, base, display_path):
        self.f, self.base, self.path = f, base, display_path
        self.emit = CEmit(f)
        self.lib = cnames.lib_prefix(f)
        self.guard = f"{self.lib}_{base}".upper()
        self.messages = layout.check_file(f)
        self.consts = [self.const_ctx(c) for c in f.of(ast.Const)]
        self.enums = [self.enum_ctx(e) for e in f.of(ast.Enum)]
        self.structs = [self.struct_ctx(s) for s in struct_order(f.of(ast.Struct))]
        self.bound_types = self.emit.bound_types()
        self.interfaces = [self.iface_ctx(i) for i in f.of(ast.Interface)]

    def const_ctx(self, c):
        return {"name": cnames.const_name(self.f, c), "doc": c.doc,
                "value": c_literal(c.value, c.type.name)}

    def enum_ctx(self, e):
        it = e.underlying.name
        return {"name": cnames.type_name(self.f, e), "doc": e.doc, "ctype": f"{it}",
                "arg": "uint64_t" if it == "u64" else "int64_t",
                "members": [{"name": cnames.enum_member(self.f, e, m), "doc": m.doc,
                             "value": c_literal(m.value, it)} for m in e.members],
                "decl": e}

    def fields_decl(self, fields):
        return [{"decl": self.emit.decl(fl.type, fl.name), "doc": fl.doc} for fl in fields]

    def struct_ctx(self, s):
        name = cnames.type_name(self.f, s)
        blk = layout.struct_block(s)
        put, get, chk = [], self.emit.padding_checks(blk, "p"), []
        for slot in blk.slots:
            put += self.emit.put(slot.type, f"v->{slot.name}", f"p + {slot.offset}u")
            get += self.emit.get(slot.type, f"v->{slot.name}", f"p + {slot.offset}u")
            chk += self.emit.check(slot.type, f"v->{slot.name}")
        return {"name": name, "doc": s.doc, "fields": self.fields_decl(s.fields),
                "size": blk.size, "put_body": indent(put), "get_body": indent(get),
                "check_body": indent(chk),
                "uses_v": bool(chk)}

    def iface_ctx(self, i):
        names = cnames.iface_names(self.f, i)
        msgs = {(m.method.name, m.direction): m for m in self.messages[i.name]}
        methods = [self.method_ctx(i, m, msgs) for m in sorted(i.methods, key=lambda m: m.ordinal)]
        ctx = {"name": i.name, "doc": i.doc, "n": names, "iface_id": i.iface_id,
               "version": i.version, "methods": methods,
               "reserved": sorted(o for o, _ in i.reserved)}
        ctx["unknown_ordinals"] = testgen.unknown_ordinals(i)
        return ctx

    def method_ctx(self, i, m, msgs):
        n = cnames.method_names(self.f, i, m)
        req = msgs[(m.name, "request")]
        resp = msgs.get((m.name, "reply"))
        ctx = {"name": m.name, "doc": m.doc, "n": n, "ordinal": m.ordinal, "index": m.index,
               "oneway": m.oneway, "rights": rights_expr(m.rights_mask),
               "rights_mask": m.rights_mask, "req": self.msg_ctx(req, "req"),
               "resp": self.msg_ctx(resp, "resp") if resp else None,
               "error_valid": (cnames.type_name(self.f, m.error_enum) + "_valid"
                               if m.error_enum else None),
               "error_name": m.error[0] if m.error else None}
        ctx["in_params"] = [self.emit.in_param(fl.type, fl.name) for fl in m.params]
        ctx["out_params"] = [self.emit.out_param(fl.type, fl.name) for fl in m.results or []]
        ctx["copy_in"] = [self.emit.copy_in(fl.type, f"req.{fl.name}", fl.name)
                          for fl in m.params]
        ctx["copy_out"] = [self.emit.copy_out(fl.type, fl.name, f"resp.{fl.name}")
                           for fl in m.results or []]
        ctx["handler_args"] = ([self.emit.in_arg(fl.type, f"req.{fl.name}") for fl in m.params]
                               + [self.emit.out_arg(fl.type, f"resp.{fl.name}")
                                  for fl in m.results or []])
        ctx["test"] = testgen.method_tests(self, m, req)
        return ctx

    def msg_ctx(self, msg, var):
        """Encode/decode/check bodies for one message; var is `req` or `resp`."""
        put, get, chk = [], self.emit.padding_checks(msg.block, "p"), []
        for slot in msg.block.slots:
            lval = f"{var}->{slot.name}"
            put += self.emit.put(slot.type, lval, f"p + {slot.offset}u")
            get += self.emit.get(slot.type, lval, f"p + {slot.offset}u")
        for fl in msg.fields:
            chk += self.emit.check(fl.type, f"{var}->{fl.name}")
        caps = [{"slot": s, "name": fl.name, "type": CAP_MACROS[CAP_IDS[fl.type.name]],
                 "rights": rights_expr(fl.type.rights_mask)} for s, fl in msg.caps]
        return {"length": msg.length, "fields": self.fields_decl(msg.fields), "caps": caps,
                "put_body": indent(put), "get_body": indent(get), "check_body": indent(chk),
                "has_data": bool(msg.block.slots), "has_check": bool(chk),
                "layout": msg}


def struct_order(structs):
    """Declaration order, except that a struct comes after the structs it contains (C needs
    complete types); the checker already ruled out cycles."""
    done, out = set(), []

    def visit(s):
        if id(s) in done:
            return
        done.add(id(s))
        for fl in s.fields:
            t = fl.type
            while t.kind == "array":
                t = t.elem
            if t.kind == "named" and isinstance(t.decl, ast.Struct):
                visit(t.decl)
        out.append(s)
    for s in structs:
        visit(s)
    return out


def render(f, base, display_path):
    """Returns {filename: text} for one checked file."""
    ctx = FileContext(f, base, display_path)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
                             keep_trailing_newline=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             autoescape=False)
    env.filters["cdoc"] = cdoc
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


__all__ = ["render", "OUTPUTS", "int_name"]
