"""Semantic checks: resolves names, bounds, rights and attributes on a parsed ast.File and
rejects everything the language forbids. After check() every TypeRef, Method and Interface has
its resolved fields set, so layout and templates never look names up."""

import re

from . import ast
from .errors import IdlError

CAP_TYPES = {"endpoint": 1, "channel": 2, "memory": 3, "irq": 4, "ioport": 5, "unit": 6,
             "thread": 7}
RIGHTS = {"READ": 1, "WRITE": 2, "EXECUTE": 4, "GRANT": 8, "ADMIN": 16}
IDL_KEYWORDS = {"library", "const", "enum", "struct", "interface", "reserved", "oneway",
                "error", "string", "bytes", "array", "cap"} | ast.PRIMITIVES
C_KEYWORDS = {"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
              "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
              "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
              "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
              "true", "false", "req", "resp", "msg", "info", "srv", "ctx", "caller", "ep",
              "timeout_us", "rc", "p", "v", "i", "state"}
LOOP_VAR = re.compile(r"^i[0-9]+$")  # loop counters in generated code
STYLES = {
    "type": (re.compile(r"^[A-Z][A-Za-z0-9]*$"), "UpperCamelCase"),
    "constant": (re.compile(r"^[A-Z][A-Z0-9_]*$"), "UPPER_SNAKE_CASE"),
    "member": (re.compile(r"^[a-z][a-z0-9_]*$"), "lower_snake_case"),
}
LIB_SEGMENT = re.compile(r"^[a-z][a-z0-9]*$")
# First library segments whose C prefix belongs to <keel/abi.h>, <keel/idl_runtime.h> or
# <stdint.h> (library err + const OK would redefine ERR_OK).
C_PREFIXES = re.compile(r"^(idl|ipc|err|cap|sys|sysenter|u?int[0-9]*|u?int(ptr|max)|size|"
                        r"ptrdiff|wchar|wint|sig)$")
MAX_BOUND = 256  # more elements than data bytes can never fit


def check_name(name, loc, style):
    regex, desc = STYLES[style]
    if (name.lower() in IDL_KEYWORDS or name in C_KEYWORDS or LOOP_VAR.match(name)
            or name.lower().startswith("idl_")):
        raise IdlError("E0224", f"{name!r} is a reserved word", loc)
    if not regex.match(name) or "__" in name or name.endswith("_"):
        raise IdlError("E0224", f"{name!r} must be {desc}", loc)


def unique(items, what):
    """items: [(name, loc)]; raises E0201 on the second occurrence of a name."""
    seen = {}
    for name, loc in items:
        if name in seen:
            raise IdlError("E0201", f"duplicate {what} {name!r} (first defined at line "
                           f"{seen[name].line})", loc)
        seen[name] = loc


class Checker:
    def __init__(self, f):
        self.f = f
        self.types = {}
        self.consts = {}

    def run(self):
        f = self.f
        for seg in f.library.split("."):
            if not LIB_SEGMENT.match(seg) or seg in C_KEYWORDS or seg in IDL_KEYWORDS:
                raise IdlError("E0107", f"library segment {seg!r} must be lowercase letters "
                               "and digits, starting with a letter", f.library_loc)
        first = f.library.split(".")[0]
        if C_PREFIXES.match(first):
            raise IdlError("E0107", f"library prefix {first!r} is taken by the C headers the "
                           "generated code includes", f.library_loc)
        unique([(d.name, d.loc) for d in f.decls], "declaration")
        for d in f.decls:
            style = "constant" if isinstance(d, ast.Const) else "type"
            check_name(d.name, d.loc, style)
            if isinstance(d, ast.Const):
                self.consts[d.name] = d
            elif not isinstance(d, ast.Interface):
                self.types[d.name] = d
        for c in f.of(ast.Const):
            self.check_const(c)
        for e in f.of(ast.Enum):
            self.check_enum(e)
        for s in f.of(ast.Struct):
            self.check_struct(s)
        for s in f.of(ast.Struct):
            self.check_recursion(s, [])
        ids = {}
        for i in f.of(ast.Interface):
            self.check_interface(i)
            if i.iface_id in ids:
                raise IdlError("E0207", f"interface id {i.iface_id} is already used by "
                               f"{ids[i.iface_id]}", i.loc)
            ids[i.iface_id] = i.name
        return f

    def int_type(self, t, what):
        if t.kind != "prim" or t.name not in ast.INT_TYPES:
            raise IdlError("E0209", f"{what} must be an integer type (u8..u64, i8..i64)", t.loc)

    def check_const(self, c):
        self.int_type(c.type, f"constant {c.name}")
        lo, hi = ast.int_range(c.type.name)
        if not lo <= c.value <= hi:
            raise IdlError("E0210", f"{c.value} does not fit in {c.type.name}", c.value_loc)

    def check_enum(self, e):
        self.int_type(e.underlying, f"the underlying type of enum {e.name}")
        if not e.members:
            raise IdlError("E0212", f"enum {e.name} has no members", e.loc)
        unique([(m.name, m.loc) for m in e.members], "enum member")
        lo, hi = ast.int_range(e.underlying.name)
        values = {}
        for m in e.members:
            check_name(m.name, m.loc, "constant")
            if not lo <= m.value <= hi:
                raise IdlError("E0210", f"{m.value} does not fit in {e.underlying.name}",
                               m.value_loc)
            if m.value in values:
                raise IdlError("E0211", f"value {m.value} is already used by {values[m.value]}",
                               m.value_loc)
            values[m.value] = m.name

    def check_struct(self, s):
        if not s.fields:
            raise IdlError("E0212", f"struct {s.name} has no fields", s.loc)
        self.check_fields(s.fields, "struct field", caps=False)

    def check_fields(self, fields, what, caps):
        unique([(fl.name, fl.loc) for fl in fields], what)
        for fl in fields:
            check_name(fl.name, fl.loc, "member")
            self.resolve(fl.type, caps)

    def check_recursion(self, s, stack):
        if s in stack:
            raise IdlError("E0222", f"struct {s.name} contains itself", s.loc)
        for fl in s.fields:
            t = fl.type
            while t.kind == "array":
                t = t.elem
            if t.kind == "named" and isinstance(t.decl, ast.Struct):
                self.check_recursion(t.decl, stack + [s])

    def resolve(self, t, caps_ok):
        """Resolves a TypeRef in place; caps_ok says whether a cap may appear here."""
        if t.kind == "named":
            decl = self.types.get(t.name)
            if decl is None:
                raise IdlError("E0202", f"unknown type {t.name!r}", t.loc)
            t.decl = decl
        elif t.kind in ("string", "bytes", "array"):
            limit = 255 if t.kind != "array" else MAX_BOUND
            t.bound.resolved = self.bound(t.bound, limit)
            if t.kind == "array":
                self.resolve(t.elem, False)
        elif t.kind == "cap":
            if not caps_ok:
                raise IdlError("E0218", "capabilities may only be method parameters or "
                               "results, not inside structs or arrays", t.loc)
            if t.name not in CAP_TYPES:
                raise IdlError("E0219", f"unknown capability type {t.name!r} (known: "
                               + ", ".join(sorted(CAP_TYPES)) + ")", t.loc)
            t.rights_mask = self.rights(t.rights)

    def bound(self, b, limit):
        value = b.value
        if b.name is not None:
            c = self.consts.get(b.name)
            if c is None:
                raise IdlError("E0214", f"unknown constant {b.name!r}", b.loc)
            value = c.value
        if not 1 <= value <= limit:
            why = " (the length prefix is one byte)" if limit == 255 else ""
            raise IdlError("E0213", f"bound must be between 1 and {limit}{why}, not {value}",
                           b.loc)
        return value

    def rights(self, names):
        mask, seen = 0, set()
        for name, loc in names:
            if name not in RIGHTS:
                raise IdlError("E0220", f"unknown right {name!r} (known: "
                               + ", ".join(RIGHTS) + ")", loc)
            if name in seen:
                raise IdlError("E0221", f"right {name} listed twice", loc)
            seen.add(name)
            mask |= RIGHTS[name]
        return mask

    def int_attr(self, attrs, name, lo, hi, missing, bad, owner):
        attr = next((a for a in attrs if a.name == name), None)
        if attr is None:
            raise IdlError(missing, f"interface {owner.name} needs @{name}(<integer>)", owner.loc)
        if len(attr.args) != 1 or attr.args[0].kind != "INT":
            raise IdlError("E0104", f"@{name} takes one integer", attr.loc)
        value = attr.args[0].value
        if not lo <= value <= hi:
            raise IdlError(bad, f"@{name} must be between {lo} and {hi}, not {value}",
                           attr.args[0].loc)
        return value

    def check_interface(self, i):
        i.iface_id = self.int_attr(i.attrs, "id", 1, 0x7FFF, "E0205", "E0206", i)
        i.version = self.int_attr(i.attrs, "version", 1, 0xFFFF, "E0208", "E0225", i)
        if not i.methods:
            raise IdlError("E0212", f"interface {i.name} has no methods", i.loc)
        unique([(m.name, m.loc) for m in i.methods], "method")
        used = {}
        for ordinal, loc in i.reserved:
            self.ordinal(ordinal, loc, used, "reserved")
        for m in i.methods:
            check_name(m.name, m.loc, "member")
            self.ordinal(m.ordinal, m.ordinal_loc, used, m.name)
            self.check_method(m)
        for index, m in enumerate(sorted(i.methods, key=lambda m: m.ordinal)):
            m.index = index

    def ordinal(self, value, loc, used, owner):
        if not 1 <= value <= 0xFFFF:
            raise IdlError("E0204", f"ordinal must be between 1 and 65535, not {value}", loc)
        if value in used:
            raise IdlError("E0203", f"ordinal {value} is already used by {used[value]}", loc)
        used[value] = owner

    def check_method(self, m):
        if m.oneway and (m.results is not None or m.error is not None):
            raise IdlError("E0217", f"oneway method {m.name} cannot have results or errors",
                           m.loc)
        self.check_fields(m.params, "parameter", caps=True)
        self.check_fields(m.results or [], "result", caps=True)
        params = {p.name for p in m.params}
        for r in m.results or []:
            if r.name in params:
                raise IdlError("E0201", f"result {r.name!r} has the name of a parameter; both "
                               "become arguments of the C functions", r.loc)
        for a in m.attrs:
            if any(t.kind != "IDENT" for t in a.args) or not a.args:
                raise IdlError("E0104", "@rights takes rights such as READ|WRITE", a.loc)
            m.rights_mask = self.rights([(t.text, t.loc) for t in a.args])
        if m.error is not None:
            name, loc = m.error
            decl = self.types.get(name)
            if decl is None:
                raise IdlError("E0202", f"unknown type {name!r}", loc)
            if not isinstance(decl, ast.Enum):
                raise IdlError("E0215", f"error {name} must name an enum", loc)
            for mem in decl.members:
                if not 0 < mem.value <= 0x7FFFFFFF:
                    raise IdlError("E0216", f"error enum {name} member {mem.name} is "
                                   f"{mem.value}; error values must be 1..2147483647",
                                   mem.value_loc)
            m.error_enum = decl


def check(f):
    return Checker(f).run()
