"""`idlc doc`: Markdown API reference built from the IDL's doc comments, with the C name of
everything so that readers need not open the generated headers."""

from . import ast, layout, names


def para(lines):
    return "\n".join(lines) + "\n\n" if lines else ""


def cell(lines):
    return " ".join(lines).replace("|", "\\|")


def field_table(fields):
    if not fields:
        return "_none_\n\n"
    out = "| name | type | description |\n|---|---|---|\n"
    for fl in fields:
        # a | inside a table cell, even in code, must be escaped (cap<memory, READ\|WRITE>)
        typ = fl.type.spelling().replace("|", "\\|")
        out += f"| `{fl.name}` | `{typ}` | {cell(fl.doc)} |\n"
    return out + "\n"


def plural(n, word):
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def wire_size(msgs):
    parts = []
    for msg in msgs:
        caps = f" and {plural(len(msg.caps), 'capability')}".replace("capabilitys",
                                                                    "capabilities")
        parts.append(f"{msg.direction} {plural(msg.length, 'byte')}"
                     + (caps if msg.caps else ""))
    return f"Wire size: {', '.join(parts)}.\n\n"


def method_doc(f, cx, i, m, msgs):
    n = cx.method_names(i, m)
    out = f"### {m.ordinal}: {'oneway ' if m.oneway else ''}{m.name}\n\n{para(m.doc)}"
    out += f"C client: `{n['fn']}()`; handler `{cx.iface_names(i)['handlers']}.{m.name}`. "
    out += f"Message type `{n['type']}`.\n\n"
    if m.rights_mask:
        out += f"Caller rights: `{f.abi.rights_text(m.rights_mask)}`.\n\n"
    out += "Parameters:\n\n" + field_table(m.params)
    if not m.oneway:
        out += "Results:\n\n" + field_table(m.results or [])
    if m.error_enum:
        out += f"Errors: `{m.error_enum.name}` (`{cx.type_name(m.error_enum).upper()}_*`).\n\n"
    return out + wire_size(msgs)


def event_doc(cx, i, e, msg):
    n = cx.event_names(i, e)
    out = f"### {e.ordinal}: event {e.name}\n\n{para(e.doc)}"
    out += (f"C server: `{n['send']}()`; client handler "
            f"`{cx.iface_names(i)['event_handlers']}.{e.name}`. Message type `{n['type']}`.\n\n")
    out += "Parameters:\n\n" + field_table(e.params)
    return out + wire_size([msg])


def render(f):
    cx = names.CNames(f)
    out = f"# Library `{f.library}`\n\n_Generated from {f.path} by `idlc doc`._\n\n{para(f.doc)}"
    for c in f.of(ast.Const):
        out += f"## const {c.name} = {c.value}\n\n{para(c.doc)}C: `{cx.const_name(c)}`.\n\n"
    for e in f.of(ast.Enum):
        out += f"## enum {e.name} : {e.type.underlying.name}\n\n{para(e.doc)}"
        out += f"C: `{cx.type_name(e).upper()}_*`, `{cx.type_name(e)}_valid()`, "
        out += f"`{cx.type_name(e)}_name()`.\n\n"
        out += "| member | value | description |\n|---|---|---|\n"
        for m in e.members:
            out += f"| `{m.name}` | {m.value} | {cell(m.doc)} |\n"
        out += "\n"
    for s in f.of(ast.Struct):
        out += f"## struct {s.name}\n\n{para(s.doc)}C: `struct {cx.type_name(s)}`, "
        out += f"{plural(s.type.size, 'byte')} on the wire.\n\n" + field_table(s.fields)
    for i in f.of(ast.Interface):
        n = cx.iface_names(i)
        out += f"## interface {i.name} (id {i.iface_id:#06x}, version {i.version})\n\n"
        out += para(i.doc)
        out += f"C: client handle `struct {n['client']}`, server `struct {n['server']}` with "
        out += f"`{n['serve']}()`"
        out += f", events `struct {n['events']}`.\n\n" if i.events else ".\n\n"
        if i.reserved:
            out += "Reserved ordinals: " + ", ".join(str(o) for o, _ in sorted(i.reserved))
            out += ".\n\n"
        msgs, events = layout.of(f)[i.name]
        by_method = {}
        for msg in msgs:
            by_method.setdefault(msg.method.name, []).append(msg)
        for m in sorted(i.methods, key=lambda m: m.ordinal):
            out += method_doc(f, cx, i, m, by_method[m.name])
        for msg in events:
            out += event_doc(cx, i, msg.method, msg)
    return out.rstrip("\n") + "\n"
