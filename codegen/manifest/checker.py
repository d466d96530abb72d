"""Checks a parsed manifest against the boot programs and the IDL interfaces: every unit runs
a known program, every wiring names a served interface and methods its rights allow, device
resources go to one unit each, no unit needs more startup capabilities than the table holds.
The call graph's checks (priorities, cycles) are in graph.py."""

from codegen.idl import ast, frontend

from . import model
from .errors import ManifestError
from .parser import RIGHTS

CAPS_MAX = 14  # KEEL_STARTUP_ENTRIES_MAX: UNIT_START_CAPS_MAX 16 less budget and table
CONFLICT_CODE = {"ioport": "M0401", "devmem": "M0402", "irq": "M0403"}


def load_interfaces(paths):
    """{library.Interface: ast.Interface} of the IDL files; their own errors are idlc's."""
    found, where = {}, {}
    for path in paths:
        f = frontend.load(path)
        for iface in f.of(ast.Interface):
            qname = f"{f.library}.{iface.name}"
            if qname in found:
                raise ManifestError("M0603", f"interface {qname} is defined in both "
                                    f"{where[qname]} and {f.path}")
            found[qname], where[qname] = iface, f.path
    return found


# The kernel's unit pool holds 32 units, init one of them (its watch word has a bit per unit).
MAX_UNITS = 31
# The kernel's thread pool (THREAD_MAX) less init's three threads.
MAX_THREADS = 64 - 3


def check(manifest, interfaces, programs):
    """Checks everything but the call graph; fills the resolved fields."""
    if len(manifest.units) > MAX_UNITS:
        unit = manifest.units[MAX_UNITS]
        raise ManifestError("M0209", f"unit {unit.name} is unit {MAX_UNITS + 1}: the kernel "
                            f"runs at most {MAX_UNITS} units besides init", unit.loc)
    for unit in manifest.units:
        check_program(unit, programs)
        fill_defaults(unit)
        check_serves(unit, interfaces)
        check_cap_names(unit)
        check_cap_count(unit)
    check_unused_programs(manifest, programs)
    check_thread_pool(manifest)
    for unit in manifest.units:
        for uses in unit.uses:
            resolve_uses(manifest, uses, interfaces)
    for kind in CONFLICT_CODE:
        check_conflicts(manifest, kind)


def check_program(unit, programs):
    if unit.program is None:
        raise ManifestError("M0105", f"unit {unit.name} has no `program` line", unit.name_loc)
    if unit.program.value not in programs:
        raise ManifestError("M0302", f"program {unit.program.value} is not a boot program "
                            f"(--programs: {', '.join(programs) or 'none'})",
                            unit.program.loc)


def fill_defaults(unit):
    if unit.priority is None:
        raise ManifestError("M0105", f"unit {unit.name} has no `priority` line",
                            unit.name_loc)
    loc = unit.name_loc
    unit.memory = unit.memory or model.Setting(model.DEFAULT_MEMORY, loc)
    unit.threads = unit.threads or model.Setting(model.DEFAULT_THREADS, loc)
    unit.regions = unit.regions or model.Setting(model.DEFAULT_REGIONS, loc)
    unit.restart = unit.restart or model.Restart(True, model.DEFAULT_RESTART_LIMIT,
                                                 model.DEFAULT_RESTART_WINDOW_MS, loc)


def check_serves(unit, interfaces):
    for s in unit.serves:
        s.interface = interfaces.get(s.qname)
        if s.interface is None:
            raise ManifestError("M0303", f"no interface {s.qname} in the IDL files "
                                f"({known(interfaces)})", s.loc)


def known(interfaces):
    return "known: " + (", ".join(sorted(interfaces)) or "none")


def check_cap_names(unit):
    """A unit asks for a capability by kind and name: each (kind, name) once."""
    named = [(r.kind, r.name, r.name_loc) for r in unit.resources]
    named += [("serves", s.qname, s.loc) for s in unit.serves]
    named += [("uses", u.qname, u.qname_loc) for u in unit.uses]
    seen = {}
    for kind, name, loc in named:
        if (kind, name) in seen:
            raise ManifestError("M0208", f"unit {unit.name} has two `{kind}` named {name}: "
                                "a program could not tell them apart", loc,
                                [("the first one", seen[(kind, name)])])
        seen[(kind, name)] = loc


def check_cap_count(unit):
    total = 0
    for caps, loc in unit.statements:
        total += caps
        if total > CAPS_MAX:
            raise ManifestError("M0207", f"unit {unit.name} would get {total} startup "
                                f"capabilities here, at most {CAPS_MAX} fit (serves 2, "
                                "ioport 1, irq 2, devmem 1, uses 1)", loc)


def check_thread_pool(manifest):
    total = 0
    for unit in manifest.units:
        total += unit.threads.value
        if total > MAX_THREADS:
            raise ManifestError("M0210", f"the units' threads add up to {total} here: the kernel "
                                f"runs {MAX_THREADS} threads besides init's", unit.threads.loc)


def check_unused_programs(manifest, programs):
    used = {u.program.value for u in manifest.units}
    for p in programs:
        if p not in used:
            raise ManifestError("M0308", f"boot program {p} is run by no unit of "
                                f"{manifest.src.path}: add a unit or drop it from the image")


def resolve_uses(manifest, uses, interfaces):
    server = manifest.unit(uses.server)
    if server is None:
        raise ManifestError("M0301", f"no unit {uses.server} in this manifest",
                            uses.server_loc)
    iface = interfaces.get(uses.qname)
    if iface is None:
        raise ManifestError("M0303", f"no interface {uses.qname} in the IDL files "
                            f"({known(interfaces)})", uses.qname_loc)
    served = [s.qname for s in server.serves]
    if uses.qname not in served:
        raise ManifestError("M0305", f"unit {server.name} does not serve {uses.qname} "
                            f"(it serves: {', '.join(served) or 'nothing'})", uses.qname_loc)
    uses.server_unit, uses.endpoint = server, served.index(uses.qname)
    allowed = allowed_methods(uses, iface)
    uses.allowed = [m.name for m in allowed]
    uses.two_way = any(not m.oneway for m in allowed)


SHOWN_RIGHTS = {"READ": 1, "WRITE": 2, "EXECUTE": 4, "GRANT": 8, "ADMIN": 16}  # CAP_RIGHT_*


def rights_text(mask):
    return "|".join(n for n, v in SHOWN_RIGHTS.items() if mask & v) or "none"


def allowed_methods(uses, iface):
    """The methods the wiring may call: those listed (each must be allowed), or every
    method its rights allow; M0307 if that is none."""
    by_name = {m.name: m for m in iface.methods}
    events = {e.name for e in iface.events}
    if not uses.methods:
        allowed = [m for m in iface.methods if not m.rights_mask & ~uses.rights]
        if not allowed:
            raise ManifestError("M0307", f"rights {rights_text(uses.rights)} allow no method "
                                f"of {uses.qname}", uses.rights_loc)
        return allowed
    out = []
    for name, loc in uses.methods:
        m = by_name.get(name)
        if m is None:
            what = "an event (the server sends it)" if name in events else "not a method"
            raise ManifestError("M0304", f"{name} is {what} of {uses.qname} (methods: "
                                f"{', '.join(sorted(by_name)) or 'none'})", loc)
        if m.rights_mask & ~uses.rights:
            raise ManifestError("M0306", f"{uses.qname}.{name} needs "
                                f"{rights_text(m.rights_mask)}; this wiring gives "
                                f"{rights_text(uses.rights)}{never(m.rights_mask)}", loc)
        if m not in out:
            out.append(m)
    return out


def check_conflicts(manifest, kind):
    """Two resources of one kind (any units, the same unit too) may not overlap."""
    seen = []
    for unit in manifest.units:
        for r in unit.of_kind(kind):
            for other_unit, o in seen:
                if r.arg0 < o.arg0 + o.arg1 and o.arg0 < r.arg0 + r.arg1:
                    raise ManifestError(CONFLICT_CODE[kind], f"{kind} {r.name} "
                                        f"({describe(r)}) of unit {unit.name} overlaps "
                                        f"{kind} {o.name} ({describe(o)}) of unit "
                                        f"{other_unit.name}", r.value_loc,
                                        [(f"{kind} {o.name} is given here", o.value_loc)])
            seen.append((unit, r))


def describe(r):
    if r.kind == "irq":
        return f"line {r.arg0}"
    return f"{r.arg0:#x}..{r.arg0 + r.arg1 - 1:#x}"


def never(mask):
    """Why a method may be out of reach of every wiring."""
    if mask & ~sum(RIGHTS.values()):
        return " (a client never gets GRANT or EXECUTE: no wiring may call it)"
    return ""
