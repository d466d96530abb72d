"""`idlc doc`: Markdown API reference built from the IDL's doc comments."""

from . import ast, layout, names


def para(lines):
    return "\n".join(lines) + "\n\n" if lines else ""


def field_table(fields):
    if not fields:
        return "_none_\n\n"
    out = "| name | type | description |\n|---|---|---|\n"
    for fl in fields:
        out += f"| `{fl.name}` | `{fl.type.idl()}` | {' '.join(fl.doc)} |\n"
    return out + "\n"


def method_doc(f, cx, i, m, sizes):
    n = cx.method_names(i, m)
    out = f"### {m.ordinal}: {'oneway ' if m.oneway else ''}{m.name}\n\n{para(m.doc)}"
    out += f"C client: `{n['fn']}()`. Message type `{n['type']}`.\n\n"
    if m.rights_mask:
        out += f"Caller rights: ` {f.abi.rights_text(m.rights_mask)}`.\n\n"
    out += "Parameters:\n\n" + field_table(m.params)
    if not m.oneway:
        out += "Results:\n\n" + field_table(m.results or [])
    if m.error:
        out += f"Errors: `{m.error[0]}`.\n\n"
    return out + f"Wire size: {', '.join(sizes)}.\n\n"


def render(f):
    cx = names.CNames(f)
    out = f"# Library `{f.library}`\n\n_Generated from {f.path} by `idlc doc`._\n\n"
    for c in f.of(ast.Const):
        out += f"## const {c.name} = {c.value}\n\n{para(c.doc)}"
    for e in f.of(ast.Enum):
        out += f"## enum {e.name} : {e.type.underlying.name}\n\n{para(e.doc)}"
        out += "| member | value | description |\n|---|---|---|\n"
        for m in e.members:
            out += f"| `{m.name}` | {m.value} | {' '.join(m.doc)} |\n"
        out += "\n"
    for s in f.of(ast.Struct):
        out += f"## struct {s.name}\n\n{para(s.doc)}" + field_table(s.fields)
    for i in f.of(ast.Interface):
        out += f"## interface {i.name} (id {i.iface_id}, version {i.version})\n\n{para(i.doc)}"
        if i.reserved:
            out += "Reserved ordinals: " + ", ".join(str(o) for o, _ in sorted(i.reserved))
            out += ".\n\n"
        sizes = {}
        for msg in layout.of(f)[i.name][0]:
            sizes.setdefault(msg.method.name, []).append(f"{msg.direction} {msg.length} bytes")
        for m in sorted(i.methods, key=lambda m: m.ordinal):
            out += method_doc(f, cx, i, m, sizes[m.name])
    return out.rstrip("\n") + "\n"
