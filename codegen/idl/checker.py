"""Semantic checks: resolves names, bounds, rights and attributes of a parsed ast.File into the
typed model (types.py) and rejects everything the language forbids. After check() every
field, parameter and constant has its `type`, every struct its layout, every method and event
its index, so later stages never look names up.

Every pass is iterative and linear in the size of the file: structs are ordered leaves first
once, and each struct's size is computed once from its fields' already-known sizes.
"""

from . import ast, names, types
from .errors import IdlError

MAX_ARRAY = 256  # more elements than data bytes can never fit


def unique(items, what):
    """items: [(name, loc)]; raises E0201 on the second occurrence of a name."""
    seen = {}
    for name, loc in items:
        if name in seen:
            raise IdlError("E0201", f"duplicate {what} {name!r} (first defined at line "
                           f"{seen[name].line})", loc)
        seen[name] = loc


def struct_refs(texpr):
    """Names a field's type refers to directly (through arrays)."""
    while texpr.kind == "array":
        texpr = texpr.elem
    return texpr.name if texpr.kind == "named" else None


class Checker:
    def __init__(self, f, abi):
        self.f, self.abi = f, abi
        self.types = {}
        self.consts = {}
        self.names = names.NameRules(f, abi)
        self.bounded = {}  # interned string/bytes/array types: (kind, bound, const, elem)

    def run(self):
        f = self.f
        self.names.check_library()
        unique([(d.name, d.loc) for d in f.decls], "declaration")
        for d in f.decls:
            self.names.check(d.name, d.loc, "constant" if isinstance(d, ast.Const) else "type")
            if isinstance(d, ast.Const):
                self.consts[d.name] = d
            elif isinstance(d, ast.Enum):
                self.types[d.name] = d
            elif isinstance(d, ast.Struct):
                d.type = types.StructType(d)
                self.types[d.name] = d
        for c in f.of(ast.Const):
            self.check_const(c)
        for e in f.of(ast.Enum):
            self.check_enum(e)
        for s in f.of(ast.Struct):
            self.check_struct(s)
        f.struct_order = self.struct_order(f.of(ast.Struct))
        for s in f.struct_order:
            s.type.finish()
            if s.type.size > self.abi.data_bytes:  # could never be sent; C may not declare it
                raise IdlError("E0301", f"struct {s.name} needs {s.type.size} bytes, "
                               f"{s.type.size - self.abi.data_bytes} over the "
                               f"{self.abi.data_bytes}-byte message limit", s.loc)
        ids = {}
        for i in f.of(ast.Interface):
            self.check_interface(i)
            if i.iface_id in ids:
                raise IdlError("E0207", f"interface id {i.iface_id} is already used by "
                               f"{ids[i.iface_id]}", i.loc)
            ids[i.iface_id] = i.name
        return f

    def int_type(self, t, what):
        if t.kind != "prim" or t.name == "bool":
            raise IdlError("E0209", f"{what} must be an integer type (u8..u64, i8..i64)", t.loc)
        return types.INT_TYPES[t.name]

    def check_const(self, c):
        c.type = self.int_type(c.texpr, f"constant {c.name}")
        if not c.type.min <= c.value <= c.type.max:
            raise IdlError("E0210", f"{c.value} does not fit in {c.type.name}", c.value_loc)

    def check_enum(self, e):
        under = self.int_type(e.texpr, f"the underlying type of enum {e.name}")
        e.type = types.EnumType(e, under)
        if not e.members:
            raise IdlError("E0212", f"enum {e.name} has no members", e.loc)
        unique([(m.name, m.loc) for m in e.members], "enum member")
        values = {}
        for m in e.members:
            self.names.check(m.name, m.loc, "constant")
            if not under.min <= m.value <= under.max:
                raise IdlError("E0210", f"{m.value} does not fit in {under.name}", m.value_loc)
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
            self.names.check(fl.name, fl.loc, "member")
            fl.type = self.resolve(fl.texpr, caps)

    def struct_order(self, structs):
        """Structs ordered so that each comes after the structs it contains (the order C
        needs and the order sizes are computed in); E0222 on a cycle. Iterative DFS."""
        state, out = {}, []  # state: 1 = on the DFS stack, 2 = done
        for root in structs:
            if state.get(root.name):
                continue
            stack = [(root, iter(root.fields))]
            state[root.name] = 1
            while stack:
                s, it = stack[-1]
                for fl in it:
                    ref = self.types.get(struct_refs(fl.texpr))
                    if not isinstance(ref, ast.Struct):
                        continue
                    if state.get(ref.name) == 1:
                        raise IdlError("E0222", f"struct {ref.name} contains itself", ref.loc)
                    if not state.get(ref.name):
                        state[ref.name] = 1
                        stack.append((ref, iter(ref.fields)))
                        break
                else:
                    state[s.name] = 2
                    out.append(s)
                    stack.pop()
        return out

    def resolve(self, t, caps_ok):
        """The types.Type of a TypeExpr; caps_ok says whether a cap may appear here."""
        if t.kind == "prim":
            return types.PRIMITIVES[t.name]
        if t.kind == "named":
            decl = self.types.get(t.name)
            if decl is None:
                raise IdlError("E0202", f"unknown type {t.name!r}", t.loc)
            return decl.type
        if t.kind in ("string", "bytes"):
            bound, const = self.bound(t.bound, types.MAX_STRING)
            key = (t.kind, bound, const and const.name, None)
            if key not in self.bounded:
                cls = types.StringType if t.kind == "string" else types.BytesType
                self.bounded[key] = cls(bound, const)
            return self.bounded[key]
        if t.kind == "array":
            bound, const = self.bound(t.bound, MAX_ARRAY)
            elem = self.resolve(t.elem, False)
            return types.ArrayType(elem, bound, const)
        if not caps_ok:
            raise IdlError("E0218", "capabilities may only be method parameters or "
                           "results, not inside structs or arrays", t.loc)
        if t.name not in self.abi.cap_types:
            raise IdlError("E0219", f"unknown capability type {t.name!r} (known: "
                           + ", ".join(sorted(self.abi.cap_types)) + ")", t.loc)
        return types.CapType(t.name, self.rights(t.rights), self.abi)

    def bound(self, b, limit):
        """(value, constant or None) of a bound; E0213 outside 1..limit."""
        value, const = b.value, None
        if b.name is not None:
            const = self.consts.get(b.name)
            if const is None:
                raise IdlError("E0214", f"unknown constant {b.name!r}", b.loc)
            value = const.value
        if not 1 <= value <= limit:
            why = " (the length prefix is one byte)" if limit == types.MAX_STRING else ""
            raise IdlError("E0213", f"bound must be between 1 and {limit}{why}, not {value}",
                           b.loc)
        return value, const

    def rights(self, rights):
        mask, seen = 0, set()
        for name, loc in rights:
            if name not in self.abi.rights:
                raise IdlError("E0220", f"unknown right {name!r} (known: "
                               + ", ".join(self.abi.rights_list(self.abi.rights_all)) + ")",
                               loc)
            if name in seen:
                raise IdlError("E0221", f"right {name} listed twice", loc)
            seen.add(name)
            mask |= self.abi.rights[name]
        return mask

    def int_attr(self, attrs, name, lo, hi, missing, bad, owner):
        attr = next((a for a in attrs if a.name == name), None)
        if attr is None:
            raise IdlError(missing, f"interface {owner.name} needs @{name}(<integer>)", owner.loc)
        if len(attr.args) != 1 or not attr.args[0].is_int:
            raise IdlError("E0104", f"@{name} takes one integer", attr.loc)
        value = attr.args[0].value
        if not lo <= value <= hi:
            raise IdlError(bad, f"@{name} must be between {lo} and {hi}, not {value}",
                           attr.args[0].loc)
        return value, attr.args[0].loc

    def check_interface(self, i):
        i.iface_id, i.id_loc = self.int_attr(i.attrs, "id", 1, 0x7FFF, "E0205", "E0206", i)
        i.version, _ = self.int_attr(i.attrs, "version", 1, 0xFFFF, "E0208", "E0225", i)
        if not i.methods:
            raise IdlError("E0212", f"interface {i.name} has no methods", i.loc)
        members = sorted(i.methods + i.events, key=lambda m: (m.loc.tok, m.loc.offset or 0))
        unique([(m.name, m.loc) for m in members], "method or event")
        used = {}
        for ordinal, loc in i.reserved:
            self.ordinal(ordinal, loc, used, "reserved")
        for m in members:
            self.names.check(m.name, m.loc, "member")
            self.ordinal(m.ordinal, m.ordinal_loc, used, m.name)
            if isinstance(m, ast.Method):
                self.check_method(m)
            else:
                self.check_fields(m.params, "parameter", caps=True)
        for index, m in enumerate(sorted(i.methods, key=lambda m: m.ordinal)):
            m.index = index
        for index, e in enumerate(sorted(i.events, key=lambda e: e.ordinal)):
            e.index = index

    def ordinal(self, value, loc, used, owner):
        if not 1 <= value <= 0xFFFF:
            raise IdlError("E0204", f"ordinal must be between 1 and 65535, not {value}", loc)
        if value in used:
            raise IdlError("E0203", f"ordinal {value} is already used by {used[value]}", loc)
        used[value] = owner

    def check_method(self, m):
        self.check_fields(m.params, "parameter", caps=True)
        self.check_fields(m.results or [], "result", caps=True)
        if m.results:
            params = {p.name for p in m.params}
            for r in m.results:
                if r.name in params:
                    raise IdlError("E0201", f"result {r.name!r} has the name of a parameter; "
                                   "both become arguments of the C functions", r.loc)
        for a in m.attrs:
            if any(arg.is_int for arg in a.args) or not a.args:
                raise IdlError("E0104", "@rights takes rights such as READ|WRITE", a.loc)
            m.rights_mask = self.rights([(arg.text, arg.loc) for arg in a.args])
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


def check(f, abi):
    return Checker(f, abi).run()
