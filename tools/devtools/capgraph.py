"""The capability graph (tools/capgraph, docs/tools.md): from a running system's snapshot
(the shell's `capsnap`, which lists every unit's table through the supervisor and
SYS_CAP_LIST, or `keel capsnapshot` in gdb) and from a system manifest, as Graphviz DOT, and
the check of the one against the other: every capability a unit holds must be one the
manifest granted it, with the rights it granted, naming the object it meant, or one it made
itself, or one a unit the manifest wires it to passed it (a server's reply, a client's
request)."""
import json
import os
import re
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ALL_RIGHTS = ["READ", "WRITE", "EXECUTE", "GRANT", "ADMIN"]
LETTERS = {"READ": "R", "WRITE": "W", "EXECUTE": "X", "GRANT": "G", "ADMIN": "A"}
# What init puts first in every unit's table (servers/init/start.c, <keel/abi.h> CAP_SELF):
# the kernel's own unit capability, then the budget and the startup table init derives.
STARTUP = [("unit", ALL_RIGHTS, "its own unit (CAP_SELF)"),
           ("memory", ["READ", "WRITE"], "its budget"),
           ("memory", ["READ"], "its startup table")]
KIND_OF = {"SERVE": "endpoint", "SELF": "endpoint", "CLIENT": "endpoint", "IOPORT": "ioport",
           "IRQ": "irq", "IRQ_NOTIFY": "notification", "DEVMEM": "memory"}
ROOT_SERVER = 0xFF  # a CLIENT capability's arg0 naming init (MANIFEST_UNIT_INIT)
INIT_INDEX = 255  # the supervisor's index for init itself (idl/supervisor.idl INIT)
PARENT_QUEUED = 65535  # CapInfo.parent_slot: derived from a capability in a channel's queue


class CapgraphError(Exception):
    pass


def load_manifest(path, idls):
    """The manifest's JSON description (tools/manifest gen --json) as a dict."""
    sys.path.insert(0, REPO)
    from codegen.manifest import checker, emit, graph, parser
    from codegen.manifest.cli import read
    from codegen.manifest.errors import ManifestError
    try:
        manifest = parser.parse(read(path))
        programs = []
        for u in manifest.units:
            if u.program is not None and u.program.value not in programs:
                programs.append(u.program.value)
        checker.check(manifest, checker.load_interfaces(idls), programs)
        graph.check_priorities(manifest)
        graph.check_cycles(manifest)
        return json.loads(emit.render_json(manifest, graph.start_order(manifest), programs,
                                           path))
    except ManifestError as err:
        raise CapgraphError("%s: %s" % (path, err)) from None


def rights_text(rights):
    return "".join(LETTERS[r] if r in rights else "-" for r in ALL_RIGHTS)


def root_unit(snap):
    """The root task (init): named by a capsnap snapshot, else the unit in the pool's first
    slot."""
    if "root" in snap:
        return snap["root"]
    return next(u["name"] for u in snap["units"] if u["id"] & 0xffff == 0)


def abi_numbers(prefix, abi=None):
    """{value: name without the prefix} of <keel/abi.h>'s `#define PREFIX...` numbers."""
    out = {}
    with open(abi or os.path.join(REPO, "kernel", "abi", "include", "keel", "abi.h")) as f:
        for line in f:
            m = re.match(r"#define\s+%s(\w+)\s+(?:\(1u << (\d+)\)|(\d+)(?!\w))" % prefix, line)
            if m and m.group(1) not in ("COUNT", "ALL"):
                out[1 << int(m.group(2)) if m.group(2) else int(m.group(3))] = m.group(1)
    return out


CAPSNAP_UNIT = re.compile(r"^capsnap: unit (\d+) (\S+) (\S+)$", re.M)
CAPSNAP_CAP = re.compile(r"^capsnap: cap (\d+) (\d+) (\d+) 0x([0-9a-f]+) (\d+) 0x([0-9a-f]+) "
                         r"(\d+) (\d+) 0x([0-9a-f]+) 0x([0-9a-f]+)$", re.M)
CAPSNAP_END = re.compile(r"^capsnap: end (\d+) units, (\d+) capabilities$", re.M)
# What ends the shell's answer to `capsnap`: the block, or the reason there is none.
CAPSNAP_DONE = (r"^(capsnap: (end|the supervisor did not answer|this system gives)"
                r"|unknown command).*\n")


def device_detail(kind, d0, d1):
    """SYS_CAP_LIST's detail words as the snapshot's object fields (as keel.py's)."""
    if kind == "ioport":
        return {"base": d0, "count": d1}
    if kind == "irq":
        return {"line": d0}
    if kind == "memory":  # device memory has a size; other memory none
        return {"flags": ["DEVICE"], "base": d0, "size": d1} if d1 else {"flags": []}
    return {}


def parse_capsnap(text, abi=None):
    """The snapshot (as `keel capsnapshot` writes it) of the shell's `capsnap` output. A unit's
    kernel id is the object its own unit capability (slot 0, CAP_SELF) names; the parents are
    SYS_CAP_LIST's (unit id, slot), turned into names; a device object's numbers (ports, line,
    device memory range) come from SYS_CAP_LIST's detail words."""
    end = CAPSNAP_END.search(text)
    if end is None:
        raise CapgraphError("no complete capsnap block in the serial output")
    types, rights = abi_numbers("CAP_TYPE_", abi), abi_numbers("CAP_RIGHT_", abi)
    units = [m.groups() for m in CAPSNAP_UNIT.finditer(text)]
    rows = [tuple(int(x, 16 if k in (3, 5, 8, 9) else 10) for k, x in enumerate(m.groups()))
            for m in CAPSNAP_CAP.finditer(text)]
    if (len(units), len(rows)) != (int(end.group(1)), int(end.group(2))):
        raise CapgraphError("capsnap said %s units and %s capabilities, %d and %d arrived "
                            "whole" % (end.group(1), end.group(2), len(units), len(rows)))
    name = {int(i): n for i, n, _ in units}
    ids = {row[4]: name[row[0]] for row in rows if row[1] == 0 and types.get(row[2]) == "UNIT"}
    id_of = {n: obj for obj, n in ids.items()}
    if INIT_INDEX not in name:
        raise CapgraphError("capsnap listed no init (unit %d)" % INIT_INDEX)
    snap = {"root": name[INIT_INDEX], "objects": {}, "caps": [],
            "units": [{"id": id_of.get(n, 0), "name": n, "state": st} for _, n, st in units]}
    for i, slot, t, r, obj, badge, parent_unit, parent_slot, d0, d1 in rows:
        kind = types.get(t, "?").lower()
        key = "%s %d" % (kind, obj) + (" " + ids[obj] if kind == "unit" and obj in ids else "")
        snap["objects"].setdefault(key, dict(kind=kind, **device_detail(kind, d0, d1)))
        snap["caps"].append({
            "unit": name[i], "slot": slot, "handle": slot, "kind": kind, "badge": badge,
            "rights": [n for bit, n in sorted(rights.items()) if r & bit], "object": key,
            "parent": {"unit": ids.get(parent_unit, "unit %d" % parent_unit),
                       "handle": parent_slot} if parent_unit else
                      {"queued": True} if parent_slot == PARENT_QUEUED else None})
    return snap


def wiring(mdoc, root):
    """{unit: the units the manifest wires it to (servers it uses, clients that use it)}."""
    out = {}
    for w in mdoc["wiring"]:
        server = root if w["server"] == "init" else w["server"]
        out.setdefault(w["client"], set()).add(server)
        out.setdefault(server, set()).add(w["client"])
    return out


def target_problem(want, cap, snap, slots, mdoc, root):
    """Why cap does not name what the manifest entry `want` meant, or None."""
    obj = snap["objects"].get(cap["object"], {})
    kind = want["kind"]
    if kind == "CLIENT":
        if want["arg0"] == ROOT_SERVER:
            ok = any(c["object"] == cap["object"] and "READ" in c["rights"]
                     for c in slots.get(root, {}).values())
            return None if ok else "not an endpoint init serves"
        server = mdoc["units"][want["arg0"]]["name"]
        serve = slots.get(server, {}).get(len(STARTUP) + 2 * want["arg1"])
        if serve is None or serve["object"] != cap["object"]:
            return "not the endpoint %s serves %s on" % (server, want["name"])
    elif kind == "SELF":
        serve = slots.get(cap["unit"], {}).get(len(STARTUP) + 2 * want["arg0"])
        if serve is None or serve["object"] != cap["object"]:
            return "not its own %s endpoint" % want["name"]
    elif kind == "IOPORT" and (obj.get("base"), obj.get("count")) != (want["arg0"], want["arg1"]):
        return "ports %s+%s, the manifest says 0x%x+%d" % (
            hex(obj.get("base", 0)), obj.get("count"), want["arg0"], want["arg1"])
    elif kind == "IRQ" and obj.get("line") != want["arg0"]:
        return "line %s, the manifest says %d" % (obj.get("line"), want["arg0"])
    elif kind == "DEVMEM" and ("DEVICE" not in obj.get("flags", []) or
                               (obj.get("base"), obj.get("size")) != (want["arg0"],
                                                                      want["arg1"])):
        return "not device memory 0x%x+0x%x" % (want["arg0"], want["arg1"])
    return None


def check(snap, mdoc):
    """[(unit, cap or None, why)]: what breaks the manifest's least privilege. Also marks each
    capability of snap with `verdict` (the startup entry it matched, `own`, `passed by X`)."""
    root = root_unit(snap)
    slots = {}
    for c in snap["caps"]:
        slots.setdefault(c["unit"], {})[c["slot"]] = c
    running = {u["name"] for u in snap["units"] if u["state"] == "running"}
    wired, bad = wiring(mdoc, root), []
    for mu in mdoc["units"]:
        name = mu["name"]
        if name not in running:
            bad.append((name, None, "the manifest starts it, but it is not running"))
            continue
        expected = [(k, r, what, None) for k, r, what in STARTUP] + \
            [(KIND_OF[c["kind"]], c["rights"], "%s %s (manifest line %d)" % (
                c["kind"].lower(), c["name"], c["line"]), c) for c in mu["caps"]]
        for slot, (kind, rights, what, want) in enumerate(expected):
            cap = slots.get(name, {}).get(slot)
            if cap is None:
                bad.append((name, None, "missing: %s" % what))
                continue
            cap["verdict"] = what
            why = None
            if cap["kind"] != kind:
                why = "a %s where the manifest grants %s" % (cap["kind"], what)
            elif set(cap["rights"]) != set(rights):
                why = "rights %s, the manifest grants %s for %s" % (
                    rights_text(cap["rights"]), rights_text(rights), what)
            elif want is not None:
                why = target_problem(want, cap, snap, slots, mdoc, root)
                why = why and "%s: %s" % (what, why)
            if why:
                bad.append((name, cap, why))
    for c in snap["caps"]:
        if c["unit"] == root or "verdict" in c or c["unit"] not in running:
            continue
        parent = c["parent"]
        if parent is None or parent.get("unit") == c["unit"]:
            c["verdict"] = "own"
        elif parent.get("queued"):  # where it came from shows once it is received
            c["verdict"] = "derived from a capability in a channel's queue"
        elif parent["unit"] == root or parent["unit"] in wired.get(c["unit"], ()):
            c["verdict"] = "passed by %s" % parent["unit"]
        else:
            bad.append((c["unit"], c, "derived from a capability of %s, which the manifest "
                        "does not wire to %s" % (parent["unit"], c["unit"])))
    for unit, cap, _ in bad:
        if cap is not None:
            cap["violation"] = True
    return bad


def q(text):
    """A DOT string; the labels' own \\n escapes (line breaks) stay."""
    return '"%s"' % str(text).replace('"', '\\"')


def object_label(key, obj):
    kind = obj.get("kind")
    if kind == "ioport":
        return "%s\\nports 0x%x+%d" % (key, obj["base"], obj["count"])
    if kind == "irq":
        return "%s\\nline %s" % (key, "control" if obj["line"] > 255 else obj["line"])
    if kind == "memory":
        flags = obj.get("flags", [])
        if "DEVICE" in flags:
            return "%s\\ndevice 0x%x+0x%x" % (key, obj["base"], obj["size"])
        names = ", ".join(f.lower() for f in flags if f != "FILLING")
        if names or "pages" in obj:
            return "%s\\n%s" % (key, names or "%d pages" % obj["pages"])
    return key


SHAPES = {"endpoint": "ellipse", "channel": "ellipse", "notification": "ellipse",
          "ioport": "hexagon", "irq": "hexagon", "memory": "note", "unit": "box",
          "thread": "box"}


def live_dot(snap, title="running system", with_root=False):
    """DOT of a snapshot (after check(), violations in red). The root task holds the
    originals of nearly everything: its own capabilities only with_root (what it passed on
    shows as the dashed derivation edges either way)."""
    root = root_unit(snap)
    caps = [c for c in snap["caps"] if with_root or c["unit"] != root]
    named = {c["object"] for c in caps}
    lines = ["digraph capabilities {", '  label=%s; labelloc=t; rankdir=LR;' % q(title),
             '  node [fontname="Helvetica", fontsize=10]; edge [fontname="Helvetica", '
             'fontsize=9];']
    for u in snap["units"]:
        lines.append('  %s [shape=box, style="bold,filled", fillcolor="#dbe9f6", label=%s];'
                     % (q("u:" + u["name"]), q("%s\\n(%s)" % (u["name"], u["state"]))))
    unit_objects = {"unit %d %s" % (u["id"], u["name"]): u["name"] for u in snap["units"]}
    for key, obj in sorted(snap["objects"].items()):
        if key in unit_objects or key not in named:
            continue
        lines.append('  %s [shape=%s, label=%s];' % (q(key), SHAPES.get(obj["kind"], "ellipse"),
                                                   q(object_label(key, obj))))
    derived = {}
    for c in caps:
        target = "u:" + unit_objects[c["object"]] if c["object"] in unit_objects else c["object"]
        badge = c["badge"] and c["kind"] == "endpoint"
        label = rights_text(c["rights"]) + ("\\nbadge %d" % c["badge"] if badge else "")
        style = ', color=red, fontcolor=red, penwidth=2' if c.get("violation") else ""
        lines.append('  %s -> %s [label=%s%s];' % (q("u:" + c["unit"]), q(target), q(label),
                                                  style))
        p = c["parent"]
        if p is not None and p.get("unit", c["unit"]) != c["unit"]:
            derived[(p["unit"], c["unit"])] = derived.get((p["unit"], c["unit"]), 0) + 1
    for (a, b), n in sorted(derived.items()):
        lines.append('  %s -> %s [style=dashed, color=gray40, fontcolor=gray40, '
                     'label=%s, constraint=false];' % (q("u:" + a), q("u:" + b),
                                                       q("derived x%d" % n)))
    lines.append("}")
    return "\n".join(lines) + "\n"


def manifest_dot(mdoc, title="system manifest"):
    """DOT of what a manifest grants: units, the endpoints they serve, who calls them with
    which rights, and the device resources each unit gets."""
    lines = ["digraph manifest {", '  label=%s; labelloc=t; rankdir=LR;' % q(title),
             '  node [fontname="Helvetica", fontsize=10]; edge [fontname="Helvetica", '
             'fontsize=9];',
             '  "u:init" [shape=box, style="bold,filled", fillcolor="#dbe9f6", label="init"];',
             '  "e:init:keel.supervisor.Supervisor" [label="keel.supervisor.Supervisor"];',
             '  "u:init" -> "e:init:keel.supervisor.Supervisor" [label="serves"];']
    for u in mdoc["units"]:
        lines.append('  %s [shape=box, style="bold,filled", fillcolor="#dbe9f6", label=%s];'
                     % (q("u:" + u["name"]), q("%s\\npriority %d" % (u["name"], u["priority"]))))
        for s in u["serves"]:
            lines.append('  %s [label=%s];' % (q("e:%s:%s" % (u["name"], s)), q(s)))
            lines.append('  %s -> %s [label="serves"];' % (q("u:" + u["name"]),
                                                          q("e:%s:%s" % (u["name"], s))))
        for c in u["caps"]:
            if c["kind"] in ("IOPORT", "IRQ", "DEVMEM"):
                res = "r:%s:%s:%s" % (u["name"], c["kind"], c["name"])
                what = {"IOPORT": "ports 0x%x+%d" % (c["arg0"], c["arg1"]),
                        "IRQ": "irq %d" % c["arg0"],
                        "DEVMEM": "device 0x%x+0x%x" % (c["arg0"], c["arg1"])}[c["kind"]]
                lines.append('  %s [shape=hexagon, label=%s];' % (q(res), q(
                    "%s\\n%s" % (c["name"], what))))
                lines.append('  %s -> %s [label=%s];' % (q("u:" + u["name"]), q(res),
                                                       q(rights_text(c["rights"]))))
    for w in mdoc["wiring"]:
        client = next(u for u in mdoc["units"] if u["name"] == w["client"])
        cap = next(c for c in client["caps"] if c["kind"] == "CLIENT" and
                   c["name"] == w["interface"] and c["line"] == w["line"])
        lines.append('  %s -> %s [label=%s];' % (
            q("u:" + w["client"]), q("e:%s:%s" % (w["server"], w["interface"])),
            q("%s\\n%s" % (rights_text(cap["rights"]), ", ".join(w["methods"])))))
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(dot_text, out):
    """Writes out (.svg via Graphviz's dot, .dot as is)."""
    if out.endswith(".dot"):
        with open(out, "w") as f:
            f.write(dot_text)
        return
    fmt = os.path.splitext(out)[1].lstrip(".") or "svg"
    r = subprocess.run(["dot", "-T" + fmt, "-o", out], input=dot_text, text=True,
                       capture_output=True)
    if r.returncode != 0:
        raise CapgraphError("dot failed: %s" % r.stderr.strip())
