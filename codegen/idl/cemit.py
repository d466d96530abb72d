"""C snippets for one IDL type: declarations, parameter forms, and the statements that check,
encode and decode a value at a wire offset. The templates call these; they never inspect
TypeRefs themselves."""

from . import ast, cnames
from .layout import size_align, struct_block

C_INT = {"u8": "uint8_t", "u16": "uint16_t", "u32": "uint32_t", "u64": "uint64_t",
         "i8": "int8_t", "i16": "int16_t", "i32": "int32_t", "i64": "int64_t"}
WIRE = {1: "u8", 2: "u16", 4: "u32", 8: "u64"}


def int_name(t):
    """The integer primitive behind a scalar TypeRef (enum -> underlying), or None."""
    if t.kind == "prim" and t.name in C_INT:
        return t.name
    if t.kind == "named" and isinstance(t.decl, ast.Enum):
        return t.decl.underlying.name
    return None


def is_aggregate(t):
    return t.kind in ("string", "bytes") or (t.kind == "named" and
                                             isinstance(t.decl, ast.Struct))


class CEmit:
    def __init__(self, f):
        self.f = f

    # ---- declarations ----
    def base(self, t):
        if t.kind == "prim":
            return "bool" if t.name == "bool" else C_INT[t.name]
        if t.kind == "named":
            if isinstance(t.decl, ast.Enum):
                return C_INT[t.decl.underlying.name]
            return f"struct {cnames.type_name(self.f, t.decl)}"
        if t.kind == "string":
            return f"struct idl_string_{t.bound.resolved}"
        if t.kind == "bytes":
            return f"struct idl_bytes_{t.bound.resolved}"
        if t.kind == "cap":
            return "cap_t"
        return self.base(t.elem)

    def decl(self, t, name):
        """`T name` or `T name[N][M]` for a struct member."""
        dims = ""
        while t.kind == "array":
            dims += f"[{t.bound.resolved}]"
            t = t.elem
        return f"{self.base(t)} {name}{dims}"

    def in_param(self, t, name):
        if t.kind == "array":
            return "const " + self.decl(t, name)
        if is_aggregate(t):
            return f"const {self.base(t)} *{name}"
        return self.decl(t, name)

    def out_param(self, t, name):
        return self.decl(t, name) if t.kind == "array" else f"{self.base(t)} *{name}"

    def in_arg(self, t, expr):
        return f"&{expr}" if is_aggregate(t) else expr

    def out_arg(self, t, expr):
        return expr if t.kind == "array" else f"&{expr}"

    def copy_in(self, t, dst, src):
        if t.kind == "array":
            return f"idl_copy({dst}, {src}, sizeof({dst}));"
        return f"{dst} = *{src};" if is_aggregate(t) else f"{dst} = {src};"

    def copy_out(self, t, dst, src):
        if t.kind == "array":
            return f"idl_copy({dst}, {src}, sizeof({src}));"
        return f"*{dst} = {src};"

    def bound_types(self):
        """Sorted (kind, N) of every string/bytes type the file uses."""
        found = set()

        def walk(t):
            if t.kind in ("string", "bytes"):
                found.add((t.kind, t.bound.resolved))
            elif t.kind == "array":
                walk(t.elem)
        for d in self.f.decls:
            for fl in getattr(d, "fields", []):
                walk(fl.type)
            for m in getattr(d, "methods", []):
                for fl in m.params + (m.results or []):
                    walk(fl.type)
        return sorted(found)

    # ---- statements: every function returns a list of C lines (no indentation) ----
    def loop(self, t, depth, body_fn):
        i = f"i{depth}"
        n = t.bound.resolved
        return [f"for (uint32_t {i} = 0; {i} < {n}u; {i}++) {{"] + \
            ["\t" + s for s in body_fn(i)] + ["}"]

    def put(self, t, lval, ptr, depth=0):
        """Encodes lval (already checked) at uint8_t *ptr."""
        it = int_name(t)
        if it:
            w = WIRE[ast.INT_TYPES[it][0]]
            return [f"idl_put_{w}({ptr}, ({C_INT['u' + it[1:]]}){lval});"]
        if t.kind == "prim":
            return [f"idl_put_u8({ptr}, {lval} ? 1u : 0u);"]
        if t.kind == "named":
            return [f"{cnames.type_name(self.f, t.decl)}_put({ptr}, &{lval});"]
        if t.kind in ("string", "bytes"):
            return [f"idl_put_u8({ptr}, {lval}.len);",
                    f"idl_copy({ptr} + 1, {lval}.data, {lval}.len);"]
        stride = size_align(t.elem)[0]
        return self.loop(t, depth, lambda i: self.put(
            t.elem, f"{lval}[{i}]", f"{ptr} + {i} * {stride}u", depth + 1))

    def get(self, t, lval, ptr, depth=0):
        """Decodes and validates the value at ptr into lval; `return ERR_PROTOCOL` if bad."""
        it = int_name(t)
        if it:
            size, signed = ast.INT_TYPES[it]
            fn = f"idl_get_{'i' if signed else 'u'}{size * 8}"
            out = [f"{lval} = {fn}({ptr});"]
            if t.kind == "named":
                out.append(f"if (!{cnames.type_name(self.f, t.decl)}_valid({lval}))")
                out.append("\treturn ERR_PROTOCOL;")
            return out
        if t.kind == "prim":
            return [f"if (idl_get_u8({ptr}) > 1u)", "\treturn ERR_PROTOCOL;",
                    f"{lval} = idl_get_u8({ptr}) == 1u;"]
        if t.kind == "named":
            return [f"if ({cnames.type_name(self.f, t.decl)}_get({ptr}, &{lval}) != ERR_OK)",
                    "\treturn ERR_PROTOCOL;"]
        if t.kind in ("string", "bytes"):
            n = t.bound.resolved
            over = f"{lval}.len > {n}u || " if n < 255 else ""
            return [f"{lval}.len = idl_get_u8({ptr});",
                    f"if ({over}!idl_all_zero({ptr} + 1 + {lval}.len, {n}u - {lval}.len))",
                    "\treturn ERR_PROTOCOL;",
                    f"idl_copy({lval}.data, {ptr} + 1, {lval}.len);"]
        stride = size_align(t.elem)[0]
        return self.loop(t, depth, lambda i: self.get(
            t.elem, f"{lval}[{i}]", f"{ptr} + {i} * {stride}u", depth + 1))

    def check(self, t, lval, depth=0):
        """Argument checks before encoding: bounds (ERR_OVERFLOW), enum values (ERR_INVALID),
        capabilities present (ERR_BAD_CAP). Returns [] when nothing can be wrong."""
        if t.kind in ("string", "bytes"):
            if t.bound.resolved == 255:
                return []  # a u8 length cannot exceed it
            return [f"if ({lval}.len > {t.bound.resolved}u)", "\treturn ERR_OVERFLOW;"]
        if t.kind == "cap":
            return [f"if ({lval} == CAP_NULL)", "\treturn ERR_BAD_CAP;"]
        if t.kind == "named" and isinstance(t.decl, ast.Enum):
            return [f"if (!{cnames.type_name(self.f, t.decl)}_valid({lval}))",
                    "\treturn ERR_INVALID;"]
        if t.kind == "named":
            name = cnames.type_name(self.f, t.decl)
            if not self.needs_check(t):
                return []
            return [f"IDL_TRY({name}_check(&{lval}));"]
        if t.kind == "array" and self.needs_check(t.elem):
            return self.loop(t, depth, lambda i: self.check(t.elem, f"{lval}[{i}]", depth + 1))
        return []

    def needs_check(self, t):
        if t.kind in ("string", "bytes"):
            return t.bound.resolved < 255
        if t.kind == "cap":
            return True
        if t.kind == "array":
            return self.needs_check(t.elem)
        if t.kind == "named":
            if isinstance(t.decl, ast.Enum):
                return True
            return any(self.needs_check(fl.type) for fl in t.decl.fields)
        return False

    def padding_checks(self, blk, ptr):
        out = []
        for o, n in blk.padding:
            out += [f"if (!idl_all_zero({ptr} + {o}u, {n}u))", "\treturn ERR_PROTOCOL;"]
        return out

    def struct_block(self, s):
        return struct_block(s)
