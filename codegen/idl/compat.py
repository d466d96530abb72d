"""API descriptions, lock files and `idlc compat`: what a change from one version of an
interface to the next breaks, and whether its @version was bumped for it.

A lock file (<name>.api.lock, JSON) holds the fully expanded API of every interface in a file:
ids, ordinals, reserved ordinals, rights and the wire types of every request and reply.
"""

import json

from . import ast, frontend
from .errors import IdlError

LOCK_FORMAT = 1


def expand(t):
    """A type's wire meaning as text, with structs and enums spelled out in full."""
    if t.kind == "enum":
        members = ", ".join(f"{m.name}={m.value}" for m in t.decl.members)
        return f"enum {t.name} : {t.underlying.name} {{{members}}}"
    if t.kind == "struct":
        fields = "; ".join(f"{fl.name}: {expand(fl.type)}" for fl in t.decl.fields)
        return f"struct {t.name} {{{fields}}}"
    if t.kind == "array":
        return f"array<{expand(t.elem)}, {t.bound}>"
    return t.idl()


def method_api(m, abi):
    api = {"ordinal": m.ordinal, "oneway": m.oneway, "rights": abi.rights_list(m.rights_mask),
           "request": [[p.name, expand(p.type)] for p in m.params]}
    if not m.oneway:
        api["reply"] = [[r.name, expand(r.type)] for r in m.results or []]
        api["error"] = expand(m.error_enum.type) if m.error_enum else None
    return api


def api_of(f):
    ifaces = {}
    for i in f.of(ast.Interface):
        ifaces[i.name] = {"id": i.iface_id, "version": i.version,
                          "reserved": sorted(o for o, _ in i.reserved),
                          "methods": {m.name: method_api(m, f.abi) for m in i.methods}}
    return {"format": LOCK_FORMAT, "library": f.library, "interfaces": ifaces}


def dump_api(api):
    return json.dumps(api, indent=2, sort_keys=True) + "\n"


def load_api(path):
    """Reads an API from a .idl file or a lock file."""
    if path.endswith(".idl"):
        return api_of(frontend.load(path))
    shown, text = frontend.read_source(path)
    try:
        api = json.loads(text)
        if api.get("format") != LOCK_FORMAT or not isinstance(api.get("interfaces"), dict):
            raise ValueError("unknown lock format")
    except (ValueError, AttributeError) as exc:
        raise IdlError("E0402", f"{shown} is not a lock file: {exc}") from None
    return api


def method_breaks(name, old, new):
    out = []
    if new["ordinal"] != old["ordinal"]:
        out.append(f"method {name} renumbered from {old['ordinal']} to {new['ordinal']}")
    if new["oneway"] != old["oneway"]:
        out.append(f"method {name} changed between oneway and two-way")
    for key in ("request", "reply", "error"):
        if new.get(key) != old.get(key):
            out.append(f"method {name} changed its {key}: {old.get(key)} -> {new.get(key)}")
    more = sorted(set(new["rights"]) - set(old["rights"]))
    if more:
        out.append(f"method {name} needs more caller rights: {'|'.join(more)}")
    return out


def iface_breaks(old, new):
    out = []
    if new["id"] != old["id"]:
        out.append(f"interface id changed from {old['id']} to {new['id']}")
    new_by_ordinal = {m["ordinal"]: n for n, m in new["methods"].items()}
    for name, m in sorted(old["methods"].items()):
        if name not in new["methods"]:
            out.append(f"method {name} (ordinal {m['ordinal']}) removed")
            continue
        out += method_breaks(name, m, new["methods"][name])
    for name, m in sorted(old["methods"].items()):
        user = new_by_ordinal.get(m["ordinal"])
        if user is not None and user != name:
            out.append(f"ordinal {m['ordinal']} of {name} reused by {user}")
    for o in old["reserved"]:
        if o in new_by_ordinal:
            out.append(f"reserved ordinal {o} reused by {new_by_ordinal[o]}")
        elif o not in new["reserved"]:
            out.append(f"reserved ordinal {o} no longer reserved")
    return out


def breaking_changes(old, new):
    """Human-readable breaking changes, one per line, prefixed by the interface name."""
    out = []
    for name, o in sorted(old["interfaces"].items()):
        n = new["interfaces"].get(name)
        if n is None:
            out.append(f"{name}: interface removed")
            continue
        out += [f"{name}: {line}" for line in iface_breaks(o, n)]
    return out


def unbumped_breaks(old, new):
    """Breaking changes in interfaces whose @version did not grow; [] means acceptable."""
    out = []
    for name, o in sorted(old["interfaces"].items()):
        n = new["interfaces"].get(name)
        if n is None:
            out.append(f"{name}: interface removed")
            continue
        if n["version"] < o["version"]:
            out.append(f"{name}: version went down from {o['version']} to {n['version']}")
        elif n["version"] == o["version"]:
            out += [f"{name}: {line} (version still {n['version']})"
                    for line in iface_breaks(o, n)]
    return out
