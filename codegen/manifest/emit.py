"""Writes a checked manifest as the C table init links (servers/init/manifest.h) and as JSON
for other tools (the capability graph). Both list units in start order with their startup
capabilities in table order; output depends only on the inputs' contents and the paths as
given (no absolute paths, no timestamps)."""

import json

from .model import INIT_INDEX, INIT_NAME
from .parser import RIGHTS

READ, WRITE, ADMIN = RIGHTS["READ"], RIGHTS["WRITE"], RIGHTS["ADMIN"]
GRANT = 8  # CAP_RIGHT_GRANT: init keeps it only on what a unit hands on (`admin` resources)
CAP_RIGHTS = {"READ": READ, "WRITE": WRITE, "GRANT": GRANT, "ADMIN": ADMIN}
IRQ_NOTIFY_BITS = 1  # the notification bit the IRQ signals


class Cap:
    """One startup capability: kind (KEEL_STARTUP_ suffix), name, rights, arg0, arg1, line."""

    def __init__(self, kind, name, rights, arg0, arg1, line):
        self.kind, self.name, self.rights = kind, name, rights
        self.arg0, self.arg1, self.line = arg0, arg1, line


def unit_caps(unit, position):
    """The unit's startup table after budget and page; position: {unit name: start index}."""
    caps = []
    for i, s in enumerate(unit.serves):
        caps.append(Cap("SERVE", s.qname, READ, i, 0, s.loc.line))
        caps.append(Cap("SELF", s.qname, WRITE, i, 0, s.loc.line))
    for r in unit.of_kind("ioport"):
        caps.append(Cap("IOPORT", r.name, READ | WRITE | (ADMIN | GRANT if r.admin else 0),
                        r.arg0, r.arg1, r.loc.line))
    for r in unit.of_kind("irq"):  # an admin line is handed on whole: GRANT, not ADMIN
        caps.append(Cap("IRQ", r.name, WRITE | (GRANT if r.admin else 0), r.arg0,
                        IRQ_NOTIFY_BITS, r.loc.line))
        caps.append(Cap("IRQ_NOTIFY", r.name, READ | (GRANT if r.admin else 0), r.arg0,
                        IRQ_NOTIFY_BITS, r.loc.line))
    for r in unit.of_kind("devmem"):
        caps.append(Cap("DEVMEM", r.name, READ | WRITE | (ADMIN | GRANT if r.admin else 0),
                        r.arg0, r.arg1, r.loc.line))
    for u in unit.uses:  # calling at all needs WRITE on the endpoint: every client has it
        server = INIT_INDEX if u.server == INIT_NAME else position[u.server]
        caps.append(Cap("CLIENT", u.qname, u.rights | WRITE, server, u.endpoint, u.loc.line))
    return caps


def rights_c(mask):
    names = [f"CAP_RIGHT_{n}" for n, v in CAP_RIGHTS.items() if mask & v]
    return " | ".join(names) or "0u"


def c_string(text):
    """Names are checked to be printable ASCII without quotes; escape anyway."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_c(manifest, order, programs, source):
    position = {u.name: i for i, u in enumerate(order)}
    out = [f"/* Generated from {source} by codegen/manifest; edit the manifest. */\n",
           '#include "servers/init/manifest.h"\n\n#include <stddef.h>\n']
    for i, unit in enumerate(order):
        caps = unit_caps(unit, position)
        if not caps:
            continue
        out.append(f"\n/* unit {unit.name}: its startup capabilities in table order */\n"
                   f"static const struct manifest_cap caps_{i}[] = {{\n")
        for c in caps:
            out.append(f"\t{{KEEL_STARTUP_{c.kind}, {c_string(c.name)}, {rights_c(c.rights)}, "
                       f"{c.arg0:#x}u, {c.arg1:#x}u, {c.line}u}},\n")
        out.append("};\n")
    if order:
        out.append("\nstatic const struct manifest_unit units[] = {\n")
        for i, unit in enumerate(order):
            out.append(render_unit(unit, i, programs, len(unit_caps(unit, position))))
        out.append("};\n")
    out.append("\nconst struct manifest system_manifest = {\n"
               f"\t.source = {c_string(source)},\n\t.nunits = {len(order)}u,\n"
               f"\t.units = {'units' if order else 'NULL'},\n}};\n")
    return "".join(out)


def render_unit(unit, i, programs, ncaps):
    r = unit.restart
    policy = "MANIFEST_RESTART_ALWAYS" if r.always else "MANIFEST_RESTART_NEVER"
    fields = [
        ("name", c_string(unit.name)),
        ("module", f"{module_index(unit, programs)}u"),
        ("priority", f"{unit.priority.value}u"),
        ("max_priority", f"{unit.max_value}u"),
        ("memory_frames", f"{unit.memory.value}u"),
        ("threads", f"{unit.threads.value}u"),
        ("memory_objects", f"{unit.regions.value}u"),
        ("cpu", f"{unit.cpu.value + 1}u" if unit.cpu else "0u"),
        ("restart", policy),
        ("restart_limit", f"{r.limit}u"),
        ("restart_window_ms", f"{r.window_ms}u"),
        ("endpoints", f"{len(unit.serves)}u"),
        ("ncaps", f"{ncaps}u"),
        ("caps", f"caps_{i}" if ncaps else "NULL"),
        ("line", f"{unit.loc.line}u"),
    ]
    body = "".join(f"\t\t.{k} = {v},\n" for k, v in fields)
    return f"\t{{ /* {i}: badge {i + 1} */\n{body}\t}},\n"


def module_index(unit, programs):
    return 1 + programs.index(unit.program.value)  # init is module 0


def render_json(manifest, order, programs, source):
    position = {u.name: i for i, u in enumerate(order)}
    units = []
    for i, unit in enumerate(order):
        caps = [{"kind": c.kind, "name": c.name, "rights": rights_list(c.rights),
                 "arg0": c.arg0, "arg1": c.arg1, "line": c.line}
                for c in unit_caps(unit, position)]
        units.append({
            "index": i, "badge": i + 1, "name": unit.name, "line": unit.loc.line,
            "program": unit.program.value, "module": module_index(unit, programs),
            "priority": unit.priority.value, "max_priority": unit.max_value,
            "memory_frames": unit.memory.value, "threads": unit.threads.value,
            "regions": unit.regions.value,
            "cpu": unit.cpu.value if unit.cpu else None,
            "restart": {"policy": "always" if unit.restart.always else "never",
                        "limit": unit.restart.limit, "window_ms": unit.restart.window_ms},
            "serves": [s.qname for s in unit.serves], "caps": caps,
        })
    wiring = [{"client": unit.name, "server": u.server, "interface": u.qname,
               "endpoint": u.endpoint, "rights": rights_list(u.rights),
               "methods": u.allowed, "two_way": u.two_way,
               "allow_inversion": u.allow_inversion, "line": u.loc.line}
              for unit in order for u in unit.uses]
    doc = {"source": source, "programs": list(programs), "units": units, "wiring": wiring}
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def rights_list(mask):
    return [n for n, v in CAP_RIGHTS.items() if mask & v]
