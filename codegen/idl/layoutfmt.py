"""`idlc layout`: a readable table of every message's bytes, offsets and capability slots."""

from . import ast, layout


def rows(t, offset, name):
    """(offset, size, name, type) rows for a value, expanding structs and the length prefix of
    strings; iterative, so long chains of nested structs are fine."""
    out, stack = [], [(t, offset, name)]
    while stack:
        t, off, n = stack.pop()
        if t.kind in ("string", "bytes"):
            out += [(off, 1, f"{n}.len", "u8"), (off + 1, t.bound, f"{n}.data", t.idl())]
        elif t.kind == "struct":
            stack += [(s.type, off + s.offset, f"{n}.{s.name}") for s in t.block.slots]
            out += [(off + o, size, "(padding)", "") for o, size in t.block.padding]
        else:
            out.append((off, t.size, n, t.idl()))
    return out


def message_table(msg):
    table = [(0, 4, "status", "i32")] if msg.direction == "reply" else []
    for s in msg.block.slots:
        table += rows(s.type, s.offset, s.name)
    table += [(off, n, "(padding)", "") for off, n in msg.block.padding]
    out = ["    offset  size  field"]
    for off, size, name, typ in sorted(table, key=lambda r: r[0]):
        out.append(f"    {off:6d}  {size:4d}  {name}  {typ}".rstrip())
    for slot, fl in msg.caps:
        out.append(f"    cap[{slot}]        {fl.name}  {fl.type.idl()}")
    return out


def render(f):
    abi = f.abi
    out = [f"library {f.library}"]
    for i in f.of(ast.Interface):
        out.append(f"\ninterface {i.name} (id {i.iface_id}, version {i.version})")
        msgs, events = layout.of(f)[i.name]
        for msg in msgs + events:
            m = msg.method
            reply = " | reply" if msg.direction == "reply" else ""
            out.append(f"\n  {i.name}.{m.name} {msg.direction}: type "
                       f"0x{(i.iface_id << 16 | m.ordinal):08x}{reply}, {msg.length} of "
                       f"{abi.data_bytes} bytes, {len(msg.caps)} of {abi.max_caps} caps")
            out += message_table(msg)
    return "\n".join(out) + "\n"
