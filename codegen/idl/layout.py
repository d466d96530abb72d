"""Wire layout: sizes, alignments and explicit offsets of every struct and message, and the
generate-time proof that every request and reply fits IPC_DATA_BYTES and IPC_MAX_CAPS.

Rules (docs/idl.md, "Wire format"): scalars little-endian at offsets that are multiples of their
size; bool is one byte 0/1; string<N>/bytes<N> are a u8 length then N bytes (unused ones zero);
array<T, N> is N elements at a stride of T's size; a struct is laid out like a message and its
size rounded up to its alignment; every gap is padding that must be zero. A reply starts with
an i32 status at offset 0. Capabilities travel in cap slots 0.. in declaration order.
"""

from dataclasses import dataclass, field
from typing import List

from . import ast
from .errors import IdlError

DATA_BYTES = 256
MAX_CAPS = 4
STATUS_SIZE = 4


def size_align(t):
    """(size, alignment) of a non-cap TypeRef on the wire."""
    if t.kind == "prim":
        if t.name == "bool":
            return 1, 1
        size = ast.INT_TYPES[t.name][0]
        return size, size
    if t.kind == "named":
        if isinstance(t.decl, ast.Enum):
            return size_align(t.decl.underlying)
        blk = struct_block(t.decl)
        return blk.size, blk.align
    if t.kind in ("string", "bytes"):
        return 1 + t.bound.resolved, 1
    if t.kind == "array":
        size, align = size_align(t.elem)
        return size * t.bound.resolved, align
    raise AssertionError(t.kind)


@dataclass
class Slot:
    name: str
    type: ast.TypeRef
    offset: int
    size: int


@dataclass
class Block:
    slots: List[Slot]
    padding: list  # [(offset, length)]
    size: int
    align: int


def layout_fields(fields, start, round_up):
    slots, padding, off, align = [], [], start, 1
    for f in fields:
        if f.type.kind == "cap":
            continue
        size, a = size_align(f.type)
        aligned = (off + a - 1) // a * a
        if aligned > off:
            padding.append((off, aligned - off))
        slots.append(Slot(f.name, f.type, aligned, size))
        off, align = aligned + size, max(align, a)
    if round_up:
        end = (off + align - 1) // align * align
        if end > off:
            padding.append((off, end - off))
        off = end
    return Block(slots, padding, off, align)


_struct_cache = {}


def struct_block(s):
    key = id(s)
    if key not in _struct_cache:
        _struct_cache[key] = (s, layout_fields(s.fields, 0, True))
    return _struct_cache[key][1]


@dataclass
class Message:
    method: ast.Method
    direction: str  # "request" | "reply"
    block: Block
    caps: list  # [(slot, Field)]
    length: int = 0
    fields: list = field(default_factory=list)


def message(method, direction):
    fields = method.params if direction == "request" else (method.results or [])
    start = 0 if direction == "request" else STATUS_SIZE
    blk = layout_fields(fields, start, False)
    caps = [(i, f) for i, f in enumerate(f for f in fields if f.type.kind == "cap")]
    return Message(method, direction, blk, caps, max(blk.size, start), fields)


def messages(iface):
    """Every message of an interface, proven to fit; raises E0301/E0302 otherwise."""
    out = []
    for m in sorted(iface.methods, key=lambda m: m.ordinal):
        dirs = ["request"] if m.oneway else ["request", "reply"]
        for d in dirs:
            msg = message(m, d)
            where = f"{d} of {iface.name}.{m.name}"
            if msg.length > DATA_BYTES:
                raise IdlError("E0301", f"{where} needs {msg.length} bytes in the worst case, "
                               f"{msg.length - DATA_BYTES} over the {DATA_BYTES}-byte limit",
                               m.loc)
            if len(msg.caps) > MAX_CAPS:
                raise IdlError("E0302", f"{where} carries {len(msg.caps)} capabilities, "
                               f"{len(msg.caps) - MAX_CAPS} over the limit of {MAX_CAPS}",
                               m.loc)
            out.append(msg)
    return out


def check_file(f):
    for s in f.of(ast.Struct):
        size = struct_block(s).size
        if size > DATA_BYTES:  # could never be sent, and may exceed what C can declare
            raise IdlError("E0301", f"struct {s.name} needs {size} bytes, "
                           f"{size - DATA_BYTES} over the {DATA_BYTES}-byte message limit",
                           s.loc)
    return {i.name: messages(i) for i in f.of(ast.Interface)}


def leaves(t, offset, path):
    """Flattens a value into (path, offset, TypeRef) leaves for the malformed-message tests and
    `idlc layout`; arrays contribute their first element only (the others are alike)."""
    if t.kind == "named" and isinstance(t.decl, ast.Struct):
        out = []
        blk = struct_block(t.decl)
        for s in blk.slots:
            out += leaves(s.type, offset + s.offset, f"{path}.{s.name}")
        return out
    if t.kind == "array":
        return leaves(t.elem, offset, f"{path}[0]")
    return [(path, offset, t)]


def padding_ranges(blk, base=0):
    """Every padding range of a block, including those inside nested structs and arrays."""
    out = [(base + o, n) for o, n in blk.padding]
    for s in blk.slots:
        out += _type_padding(s.type, base + s.offset)
    return sorted(out)


def _type_padding(t, off):
    if t.kind == "named" and isinstance(t.decl, ast.Struct):
        return padding_ranges(struct_block(t.decl), off)
    if t.kind == "array":
        stride = size_align(t.elem)[0]
        out = []
        for i in range(t.bound.resolved):
            out += _type_padding(t.elem, off + i * stride)
        return out
    return []
