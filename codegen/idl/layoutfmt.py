"""`idlc layout`: a readable table of every message's bytes, offsets and capability slots."""

from . import ast, layout
from .checker import RIGHTS


def type_text(t):
    if t.kind == "prim" or t.kind == "named":
        return t.name
    if t.kind in ("string", "bytes"):
        return f"{t.kind}<{t.bound.resolved}>"
    if t.kind == "array":
        return f"array<{type_text(t.elem)}, {t.bound.resolved}>"
    rights = "|".join(n for n, bit in RIGHTS.items() if t.rights_mask & bit)
    return f"cap<{t.name}, {rights}>"


def rows(t, offset, name):
    """(offset, size, name, type) rows, expanding structs and the length prefix of strings."""
    size = layout.size_align(t)[0]
    if t.kind in ("string", "bytes"):
        return [(offset, 1, f"{name}.len", "u8"),
                (offset + 1, t.bound.resolved, f"{name}.data", type_text(t))]
    if t.kind == "named" and isinstance(t.decl, ast.Struct):
        out = []
        for s in layout.struct_block(t.decl).slots:
            out += rows(s.type, offset + s.offset, f"{name}.{s.name}")
        for off, n in layout.struct_block(t.decl).padding:
            out.append((offset + off, n, "(padding)", ""))
        return sorted(out, key=lambda r: r[0])
    return [(offset, size, name, type_text(t))]


def render(f):
    out = [f"library {f.library}"]
    for i in f.of(ast.Interface):
        out.append(f"\ninterface {i.name} (id {i.iface_id}, version {i.version})")
        for msg in layout.messages(i):
            m = msg.method
            out.append(f"\n  {i.name}.{m.name} {msg.direction}: type "
                       f"0x{(i.iface_id << 16 | m.ordinal):08x}"
                       f"{' | reply' if msg.direction == 'reply' else ''}, {msg.length} of "
                       f"{layout.DATA_BYTES} bytes, {len(msg.caps)} of {layout.MAX_CAPS} caps")
            table = []
            if msg.direction == "reply":
                table.append((0, 4, "status", "i32"))
            for s in msg.block.slots:
                table += rows(s.type, s.offset, s.name)
            for off, n in msg.block.padding:
                table.append((off, n, "(padding)", ""))
            out.append("    offset  size  field")
            for off, size, name, typ in sorted(table, key=lambda r: r[0]):
                out.append(f"    {off:6d}  {size:4d}  {name}  {typ}".rstrip())
            for slot, fl in msg.caps:
                out.append(f"    cap[{slot}]        {fl.name}  {type_text(fl.type)}")
    return "\n".join(out) + "\n"
