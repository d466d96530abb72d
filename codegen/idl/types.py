"""The typed model: one class per kind of IDL type. Each owns everything about its kind: wire
size and alignment, its IDL spelling, its C spelling and parameter forms, the C statements that
check, encode and decode a value, and the values the generated tests use. Adding a type means
adding a class here (and its templates, if it needs new C), nothing else.

Struct layouts are computed once per struct, leaves first (checker.py orders them), so every
size is memoized and no walk over nested structs recurses through the chain of structs.
"""

from dataclasses import dataclass, field
from typing import List

C_INT = {"u8": "uint8_t", "u16": "uint16_t", "u32": "uint32_t", "u64": "uint64_t",
         "i8": "int8_t", "i16": "int16_t", "i32": "int32_t", "i64": "int64_t"}
MAX_STRING = 255  # the length prefix is one byte


def loop(n_expr, depth, body):
    """A C for loop over i<depth> wrapped around body lines."""
    i = f"i{depth}"
    return ([f"for (uint32_t {i} = 0; {i} < {n_expr}; {i}++) {{"]
            + ["\t" + s for s in body] + ["}"])


class Type:
    """Base of every type. Subclasses set size/align and override what applies to them."""

    kind = ""
    size = align = 0
    is_cap = False
    aggregate = False   # passed to C functions by const pointer
    needs_check = False  # has argument checks before encoding (bounds, enums, caps)

    # ---- spelling ----
    def idl(self):
        """The wire meaning in IDL syntax, bounds as numbers (layout, lock files)."""
        raise NotImplementedError

    def spelling(self):
        """The type as the IDL file spells it, constants by name (documentation)."""
        return self.idl()

    def c_base(self, cx):
        raise NotImplementedError

    def c_dims(self, cx):
        return ""

    def c_decl(self, cx, name):
        return f"{self.c_base(cx)} {name}{self.c_dims(cx)}"

    def c_in_param(self, cx, name):
        if self.aggregate:
            return f"const {self.c_base(cx)} *{name}"
        return self.c_decl(cx, name)

    def c_out_param(self, cx, name):
        return f"{self.c_base(cx)} *{name}"

    def c_in_arg(self, expr):
        return f"&{expr}" if self.aggregate else expr

    def c_out_arg(self, expr):
        return f"&{expr}"

    def c_copy_in(self, dst, src):
        return f"{dst} = *{src};" if self.aggregate else f"{dst} = {src};"

    def c_copy_out(self, dst, src):
        return f"*{dst} = {src};"

    # ---- statements (lists of C lines without indentation) ----
    def c_put(self, cx, lval, ptr, depth=0):
        raise NotImplementedError

    def c_get(self, cx, lval, ptr, depth=0):
        raise NotImplementedError

    def c_check(self, cx, lval, depth=0):
        return []

    # ---- tests ----
    def c_sample(self, sampler, lval, depth=0):
        raise NotImplementedError

    def bad_values(self, path, off):
        """[(label, offset, width, value)]: single-field corruptions a receiver must reject."""
        return []

    def inner(self):
        """[(offset, name suffix, type)] of the values inside this one that layout walks visit
        (struct fields, the first array element); [] for leaves."""
        return []

    def padding(self):
        """[(offset, length)] of this type's own padding (not that of nested types)."""
        return []


class IntType(Type):
    kind = "int"

    def __init__(self, name):
        self.name = name
        self.size = self.align = int(name[1:]) // 8
        self.signed = name[0] == "i"
        bits = self.size * 8
        self.min = -(1 << (bits - 1)) if self.signed else 0
        self.max = (1 << (bits - 1)) - 1 if self.signed else (1 << bits) - 1

    def idl(self):
        return self.name

    def c_base(self, cx):
        return C_INT[self.name]

    def c_put(self, cx, lval, ptr, depth=0):
        unsigned = C_INT["u" + self.name[1:]]
        return [f"idl_put_u{self.size * 8}({ptr}, ({unsigned}){lval});"]

    def c_get(self, cx, lval, ptr, depth=0):
        return [f"{lval} = idl_get_{self.name[0]}{self.size * 8}({ptr});"]

    def sample_value(self, k):
        v = (0x5A + 37 * k) % (self.max + 1 if self.min == 0 else 100)
        return -v - 1 if self.min < 0 and k % 2 else v

    def c_sample(self, sampler, lval, depth=0):
        sampler.k += 1
        return [f"{lval} = ({C_INT[self.name]})({self.sample_value(sampler.k)}ll);"]


class BoolType(Type):
    kind = "bool"
    size = align = 1

    def idl(self):
        return "bool"

    def c_base(self, cx):
        return "bool"

    def c_put(self, cx, lval, ptr, depth=0):
        return [f"idl_put_u8({ptr}, {lval} ? 1u : 0u);"]

    def c_get(self, cx, lval, ptr, depth=0):
        return [f"if (idl_get_u8({ptr}) > 1u)", "\treturn ERR_PROTOCOL;",
                f"{lval} = idl_get_u8({ptr}) == 1u;"]

    def c_sample(self, sampler, lval, depth=0):
        return [f"{lval} = true;"]

    def bad_values(self, path, off):
        return [(f"{path} not 0 or 1", off, 1, 2)]


INT_TYPES = {name: IntType(name) for name in C_INT}
BOOL = BoolType()
PRIMITIVES = dict(INT_TYPES, bool=BOOL)


class EnumType(Type):
    """An enum: stored as its underlying integer; only members are valid on the wire."""

    kind = "enum"
    needs_check = True

    def __init__(self, decl, underlying):
        self.decl, self.underlying = decl, underlying
        self.size = self.align = underlying.size

    @property
    def name(self):
        return self.decl.name

    def idl(self):
        return self.decl.name

    def c_base(self, cx):
        return self.underlying.c_base(cx)

    def c_put(self, cx, lval, ptr, depth=0):
        return self.underlying.c_put(cx, lval, ptr, depth)

    def c_get(self, cx, lval, ptr, depth=0):
        return (self.underlying.c_get(cx, lval, ptr, depth)
                + [f"if (!{cx.type_name(self.decl)}_valid({lval}))", "\treturn ERR_PROTOCOL;"])

    def c_check(self, cx, lval, depth=0):
        return [f"if (!{cx.type_name(self.decl)}_valid({lval}))", "\treturn ERR_INVALID;"]

    def c_sample(self, sampler, lval, depth=0):
        return [f"{lval} = {sampler.cx.enum_member(self.decl, self.decl.members[0])};"]

    def bad_value(self):
        """A value of the underlying type that is no member, or None if every value is one."""
        lo, hi = self.underlying.min, self.underlying.max
        values = {m.value for m in self.decl.members}
        if max(values) < hi:
            return max(values) + 1
        if min(values) > lo:
            return min(values) - 1
        for v in range(lo, hi + 1):  # only reached for a full u8/i8 (256 members)
            if v not in values:
                return v
        return None

    def bad_values(self, path, off):
        bad = self.bad_value()
        if bad is None:
            return []
        return [(f"{path} out of range", off, self.size, bad % (1 << (8 * self.size)))]


@dataclass
class Slot:
    """A value placed in a block: struct field or message parameter."""
    name: str
    type: Type
    offset: int
    size: int


@dataclass
class Block:
    """Fields laid out in order, each at the next multiple of its alignment."""
    slots: List[Slot]
    padding: list = field(default_factory=list)  # [(offset, length)]
    size: int = 0
    align: int = 1


def layout_fields(fields, start, round_up):
    """Lays out (name, Type) pairs from offset start; capabilities take no data bytes."""
    slots, padding, off, align = [], [], start, 1
    for name, t in fields:
        if t.is_cap:
            continue
        a = t.align
        aligned = (off + a - 1) // a * a
        if aligned > off:
            padding.append((off, aligned - off))
        slots.append(Slot(name, t, aligned, t.size))
        off, align = aligned + t.size, max(align, a)
    if round_up:
        end = (off + align - 1) // align * align
        if end > off:
            padding.append((off, end - off))
        off = end
    return Block(slots, padding, off, align)


class StructType(Type):
    """A struct: laid out like a message, its size rounded up to its alignment. finish() must
    run after every struct it contains has finished."""

    kind = "struct"
    aggregate = True

    def __init__(self, decl):
        self.decl = decl
        self.block = None

    @property
    def name(self):
        return self.decl.name

    def finish(self):
        self.block = layout_fields([(f.name, f.type) for f in self.decl.fields], 0, True)
        self.size, self.align = self.block.size, self.block.align
        self.needs_check = any(f.type.needs_check for f in self.decl.fields)

    def idl(self):
        return self.decl.name

    def c_base(self, cx):
        return f"struct {cx.type_name(self.decl)}"

    def c_put(self, cx, lval, ptr, depth=0):
        return [f"{cx.type_name(self.decl)}_put({ptr}, &{lval});"]

    def c_get(self, cx, lval, ptr, depth=0):
        return [f"if ({cx.type_name(self.decl)}_get({ptr}, &{lval}) != ERR_OK)",
                "\treturn ERR_PROTOCOL;"]

    def c_check(self, cx, lval, depth=0):
        if not self.needs_check:
            return []
        return [f"IDL_TRY({cx.type_name(self.decl)}_check(&{lval}));"]

    def c_sample(self, sampler, lval, depth=0):
        if sampler.inline and sampler.nesting < 16:
            sampler.nesting += 1
            out = []
            for f in self.decl.fields:
                out += f.type.c_sample(sampler, f"{lval}.{f.name}", depth)
            sampler.nesting -= 1
            return out
        if sampler.inline:
            return [f"/* {lval}: zero; set it as you need */"]
        # The generated test defines one sample function per struct, leaves first.
        return [f"struct_{sampler.cx.type_name(self.decl)}_sample(&{lval});"]

    def inner(self):
        return [(s.offset, "." + s.name, s.type) for s in self.block.slots]

    def padding(self):
        return self.block.padding


class BoundedType(Type):
    """string<N> and bytes<N>: a u8 length, then N bytes of which the first `length` count and
    the others must be zero. `const` is the constant that gave the bound, if any."""

    align = 1
    aggregate = True

    def __init__(self, bound, const=None):
        self.bound, self.const = bound, const
        self.size = 1 + bound
        self.needs_check = bound < MAX_STRING

    def idl(self):
        return f"{self.kind}<{self.bound}>"

    def spelling(self):
        return f"{self.kind}<{self.const.name if self.const else self.bound}>"

    def c_base(self, cx):
        if self.const is not None:
            return f"struct {cx.bounded_name(self.kind, self.const)}"
        return f"struct idl_{self.kind}_{self.bound}"

    def c_put(self, cx, lval, ptr, depth=0):
        return [f"idl_put_bounded({ptr}, {lval}.len, {lval}.data);"]

    def c_get(self, cx, lval, ptr, depth=0):
        return [f"if (idl_get_bounded({ptr}, {self.bound}u, &{lval}.len, {lval}.data) != ERR_OK)",
                "\treturn ERR_PROTOCOL;"]

    def c_check(self, cx, lval, depth=0):
        if not self.needs_check:
            return []  # a u8 length cannot exceed it
        return [f"if ({lval}.len > {self.bound}u)", "\treturn ERR_OVERFLOW;"]

    def c_sample(self, sampler, lval, depth=0):
        n = max(1, self.bound // 2)  # a loop to 0 trips -Wtype-limits
        return [f"{lval}.len = {n};", f"for (uint32_t i = 0; i < {n}u; i++)",
                f"\t{lval}.data[i] = {self.fill};"]

    def bad_values(self, path, off):
        out = [(f"{path} unused byte", off + self.bound, 1, 0x55)]
        if self.bound < MAX_STRING:
            out.append((f"{path} length over bound", off, 1, self.bound + 1))
        return out


class StringType(BoundedType):
    kind = "string"
    fill = "'a' + (char)(i % 26u)"


class BytesType(BoundedType):
    kind = "bytes"
    fill = "(uint8_t)(i * 7u + 1u)"


class ArrayType(Type):
    """array<T, N>: exactly N elements at a stride of T's size."""

    kind = "array"

    def __init__(self, elem, bound, const=None):
        self.elem, self.bound, self.const = elem, bound, const

    # Properties: the element may be a struct whose layout is computed after this array is
    # resolved. Arrays nest at most 8 deep, so these recurse at most that far.
    @property
    def size(self):
        return self.elem.size * self.bound

    @property
    def align(self):
        return self.elem.align

    @property
    def needs_check(self):
        return self.elem.needs_check

    def idl(self):
        return f"array<{self.elem.idl()}, {self.bound}>"

    def spelling(self):
        return f"array<{self.elem.spelling()}, {self.const.name if self.const else self.bound}>"

    def c_base(self, cx):
        return self.elem.c_base(cx)

    def c_dims(self, cx):
        n = cx.const_name(self.const) if self.const is not None else self.bound
        return f"[{n}]" + self.elem.c_dims(cx)

    def c_in_param(self, cx, name):
        return "const " + self.c_decl(cx, name)

    def c_out_param(self, cx, name):
        return self.c_decl(cx, name)

    def c_in_arg(self, expr):
        return expr

    def c_out_arg(self, expr):
        return expr

    def c_copy_in(self, dst, src):
        return f"idl_copy({dst}, {src}, sizeof({dst}));"

    def c_copy_out(self, dst, src):
        return f"idl_copy({dst}, {src}, sizeof({src}));"

    def c_put(self, cx, lval, ptr, depth=0):
        i, stride = f"i{depth}", self.elem.size
        return loop(f"{self.bound}u", depth, self.elem.c_put(
            cx, f"{lval}[{i}]", f"{ptr} + {i} * {stride}u", depth + 1))

    def c_get(self, cx, lval, ptr, depth=0):
        i, stride = f"i{depth}", self.elem.size
        return loop(f"{self.bound}u", depth, self.elem.c_get(
            cx, f"{lval}[{i}]", f"{ptr} + {i} * {stride}u", depth + 1))

    def c_check(self, cx, lval, depth=0):
        if not self.needs_check:
            return []
        return loop(f"{self.bound}u", depth,
                    self.elem.c_check(cx, f"{lval}[i{depth}]", depth + 1))

    def c_sample(self, sampler, lval, depth=0):
        return loop(f"{self.bound}u", depth,
                    self.elem.c_sample(sampler, f"{lval}[i{depth}]", depth + 1))

    def inner(self):
        return [(0, "[0]", self.elem)]

    def element_offsets(self):
        return range(0, self.size, self.elem.size)


class CapType(Type):
    """cap<type, RIGHTS>: travels in a capability slot, never in the data bytes."""

    kind = "cap"
    is_cap = True
    needs_check = True

    def __init__(self, obj, rights, abi):
        self.obj, self.rights, self.abi = obj, rights, abi

    def idl(self):
        return f"cap<{self.obj}, {self.abi.rights_text(self.rights)}>"

    def c_base(self, cx):
        return "cap_t"

    def c_type_macro(self):
        return "CAP_TYPE_" + self.obj.upper()

    def c_check(self, cx, lval, depth=0):
        return [f"if ({lval} == CAP_NULL)", "\treturn ERR_BAD_CAP;"]

    def c_sample(self, sampler, lval, depth=0):
        if not sampler.caps:
            return []
        return [f"{lval} = fake_cap_new({self.c_type_macro()}, CAP_RIGHTS_ALL);"]
