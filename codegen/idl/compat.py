"""`idlc compat` and the lock check: what a change from one API (lock data, lockfile.py) to the
next breaks, reported once per cause and in words, and whether each interface it affects got
a bigger @version for it.

A wire break makes old and new programs misunderstand each other's messages (a changed type,
ordinal or bound, a removed method, a new enum member old receivers reject). A source break
leaves the wire alone but breaks C code written against the old generated API (a renamed
library, interface, method, event, type, enum member or struct field; a changed or removed
constant). Either needs a version bump. Renaming a parameter or result changes neither: it is
reported as compatible.
"""

from dataclasses import dataclass

from .lockfile import parse_type


@dataclass
class Change:
    kind: str  # "wire" | "source" | "compatible"
    text: str
    ifaces: tuple = ()  # interfaces (old names) whose @version must grow; () = the file's


def type_text(t):
    kind = t[0]
    if kind == "named":
        return t[1]
    if kind in ("string", "bytes"):
        return f"{kind}<{t[1]}>"
    if kind == "array":
        return f"array<{type_text(t[1])}, {t[2]}>"
    if kind == "cap":
        return f"cap<{t[1]}, {'|'.join(t[2])}>"
    return kind


class Compare:
    def __init__(self, old, new):
        self.old, self.new = old, new
        self.changes = []
        self.equal = set()  # (old type name, new type name) pairs known wire-equal
        self.renamed = {}  # old type name -> new type name (same wire, new name)
        self.users = self.type_users(old)

    # ---- wire equality of types (iterative: chains of structs may be long) ----
    def wire_equal(self, a, b):
        pending, assumed = [(a, b)], set()
        while pending:
            x, y = pending.pop()
            if x[0] != y[0]:
                return False
            if x[0] == "named":
                key = (x[1], y[1])
                if key in self.equal or key in assumed:
                    continue
                assumed.add(key)
                dx, dy = self.old["types"][x[1]], self.new["types"][y[1]]
                if dx["kind"] != dy["kind"]:
                    return False
                if dx["kind"] == "enum":
                    if (dx["underlying"] != dy["underlying"]
                            or set(dx["members"].values()) != set(dy["members"].values())):
                        return False
                    continue
                if len(dx["fields"]) != len(dy["fields"]):
                    return False
                pending += [(parse_type(fx[1]), parse_type(fy[1]))
                            for fx, fy in zip(dx["fields"], dy["fields"])]
            elif x[0] == "array":
                if x[2] != y[2]:
                    return False
                pending.append((x[1], y[1]))
            elif x != y:
                return False
        self.equal |= assumed
        return True

    def same_type(self, a, b):
        """True if message field types a (old) and b (new) are the same for this comparison:
        a type with the same name is compared once, at the type; a renamed one by its wire."""
        if a[0] == "named" and b[0] == "named":
            return self.renamed.get(a[1], a[1]) == b[1]
        if a[0] == "array" and b[0] == "array":
            return a[2] == b[2] and self.same_type(a[1], b[1])
        return a == b

    def type_users(self, api):
        """{type name: [message descriptions]} for every type a message reaches."""
        users = {}
        for iname, i in api["interfaces"].items():
            msgs = []
            for mname, m in i["methods"].items():
                msgs += [(f"{iname}.{mname}", m["request"]), (f"{iname}.{mname}", m["reply"])]
                if m["error"]:
                    users.setdefault(m["error"], []).append((iname, f"{iname}.{mname}"))
            msgs += [(f"{iname}.{e}", ev["params"]) for e, ev in i["events"].items()]
            for where, fields in msgs:
                for _, text in fields or []:
                    for name in self.reachable(api, parse_type(text)):
                        users.setdefault(name, []).append((iname, where))
        return users

    def reachable(self, api, t):
        out, stack = set(), [t]
        while stack:
            t = stack.pop()
            if t[0] == "array":
                stack.append(t[1])
            elif t[0] == "named" and t[1] not in out:
                out.add(t[1])
                decl = api["types"][t[1]]
                if decl["kind"] == "struct":
                    stack += [parse_type(f[1]) for f in decl["fields"]]
        return out

    def add(self, kind, text, ifaces=()):
        self.changes.append(Change(kind, text, tuple(sorted(set(ifaces)))))

    # ---- the comparison ----
    def run(self):
        old, new = self.old, self.new
        if old["library"] != new["library"]:
            self.add("source", f"library renamed from {old['library']} to {new['library']}: "
                     "every generated C name changes", old["interfaces"])
        self.find_renamed_types()
        self.consts()
        self.types()
        for name, i in sorted(old["interfaces"].items()):
            self.interface(name, i)
        return self.changes

    def find_renamed_types(self):
        gone = sorted(set(self.old["types"]) - set(self.new["types"]))
        added = sorted(set(self.new["types"]) - set(self.old["types"]))
        for o in gone:
            for n in added:
                if n not in self.renamed.values() and self.wire_equal(("named", o), ("named", n)):
                    self.renamed[o] = n
                    self.add("source", f"type {o} renamed to {n}: C code naming it breaks "
                             "(the wire is unchanged)", self.ifaces_of(o))
                    break

    def ifaces_of(self, tname):
        return [i for i, _ in self.users.get(tname, [])]

    def used_by(self, tname):
        wheres = sorted({w for _, w in self.users.get(tname, [])})
        if not wheres:
            return ""
        more = f" and {len(wheres) - 3} more" if len(wheres) > 3 else ""
        return f" (used by {', '.join(wheres[:3])}{more})"

    def consts(self):
        old, new = self.old["consts"], self.new["consts"]
        for name, c in sorted(old.items()):
            n = new.get(name)
            if n is None:
                self.add("source", f"constant {name} removed: C code using it breaks")
            elif n != c:
                self.add("source", f"constant {name} changed from {c['type']} {c['value']} to "
                         f"{n['type']} {n['value']}: C code using it changes meaning")

    def types(self):
        for name, t in sorted(self.old["types"].items()):
            n = self.new["types"].get(name)
            if n is None:
                if name not in self.renamed:
                    self.add("source", f"type {name} removed: C code naming it breaks",
                             self.ifaces_of(name))
                continue
            wire = "wire" if name in self.users else "source"
            ifaces = self.ifaces_of(name)
            if t["kind"] != n["kind"]:
                self.add(wire, f"type {name} changed from {t['kind']} to {n['kind']}"
                         f"{self.used_by(name)}", ifaces)
            elif t["kind"] == "enum":
                self.enum(name, t, n, wire, ifaces)
            else:
                self.struct(name, t, n, wire, ifaces)

    def enum(self, name, t, n, wire, ifaces):
        used = self.used_by(name)
        if t["underlying"] != n["underlying"]:
            self.add(wire, f"enum {name} changed its type from {t['underlying']} to "
                     f"{n['underlying']}{used}", ifaces)
        old_by_value = {v: m for m, v in t["members"].items()}
        new_by_value = {v: m for m, v in n["members"].items()}
        for v, m in sorted(old_by_value.items()):
            if v not in new_by_value:
                self.add(wire, f"enum {name}: member {m} = {v} removed{used}", ifaces)
            elif new_by_value[v] != m:
                self.add("source", f"enum {name}: member {m} = {v} renamed to "
                         f"{new_by_value[v]}", ifaces)
        for v, m in sorted(new_by_value.items()):
            if v not in old_by_value:
                why = ": receivers built before it refuse it" if wire == "wire" else ""
                self.add(wire, f"enum {name}: member {m} = {v} added{why}{used}", ifaces)

    def struct(self, name, t, n, wire, ifaces):
        used = self.used_by(name)
        of, nf = t["fields"], n["fields"]
        if len(of) != len(nf):
            self.add(wire, f"struct {name} has {len(nf)} fields, had {len(of)}{used}", ifaces)
            return
        for (oname, otype), (nname, ntype) in zip(of, nf):
            a, b = parse_type(otype), parse_type(ntype)
            if not self.same_type(a, b) and not self.wire_equal(a, b):
                self.add(wire, f"struct {name}: field {oname} is {ntype}, was {otype}{used}",
                         ifaces)
            elif not self.same_type(a, b):
                self.add("source", f"struct {name}: field {oname} changed type from {otype} "
                         f"to {ntype} (the same on the wire)", ifaces)
            if oname != nname:
                self.add("source", f"struct {name}: field {oname} renamed to {nname}", ifaces)

    def interface(self, name, i):
        n = self.new["interfaces"].get(name)
        if n is None:
            same_id = [k for k, v in self.new["interfaces"].items() if v["id"] == i["id"]]
            if not same_id:
                self.add("wire", f"interface {name} (id {i['id']:#06x}) removed", [name])
                return
            self.add("source", f"interface {name} renamed to {same_id[0]} (same id "
                     f"{i['id']:#06x}): its C names change", [name])
            n = self.new["interfaces"][same_id[0]]
        elif n["id"] != i["id"]:
            self.add("wire", f"interface {name}: id changed from {i['id']:#06x} to "
                     f"{n['id']:#06x}", [name])
        old_members = members(i)
        new_members = members(n)
        new_names = {m[1]: o for o, m in new_members.items()}
        for o, (kind, mname, m) in sorted(old_members.items()):
            self.member(name, o, kind, mname, m, new_members, new_names, n)
        for o in i["reserved"]:
            if o in new_members:
                self.add("wire", f"{name}: reserved ordinal {o} reused by "
                         f"{new_members[o][0]} {new_members[o][1]}", [name])
            elif o not in n["reserved"]:
                self.add("wire", f"{name}: ordinal {o} is no longer reserved", [name])

    def member(self, iname, o, kind, mname, m, new_members, new_names, n):
        where = f"{iname}.{mname}"
        if o not in new_members:
            if mname in new_names and new_members[new_names[mname]][0] == kind:
                self.add("wire", f"{where}: {kind} renumbered from {o} to {new_names[mname]}",
                         [iname])
            else:
                reserved = " (its ordinal is reserved)" if o in n["reserved"] else ""
                self.add("wire", f"{where}: {kind} (ordinal {o}) removed{reserved}", [iname])
            return
        nkind, nname, nm = new_members[o]
        if nkind != kind:
            self.add("wire", f"{iname}: ordinal {o} was {kind} {mname}, is now {nkind} {nname}",
                     [iname])
            return
        if nname != mname:
            self.add("source", f"{where}: {kind} renamed to {nname} (ordinal {o}): its C names "
                     "change", [iname])
        if kind == "event":
            self.fields(iname, where, "parameter", m["params"], nm["params"])
            return
        self.method(iname, where, m, nm)

    def method(self, iname, where, m, nm):
        if m["oneway"] != nm["oneway"]:
            self.add("wire", f"{where}: changed from {'oneway' if m['oneway'] else 'two-way'} "
                     f"to {'oneway' if nm['oneway'] else 'two-way'}", [iname])
            return
        more = sorted(set(nm["rights"]) - set(m["rights"]))
        fewer = sorted(set(m["rights"]) - set(nm["rights"]))
        if more:
            self.add("wire", f"{where}: callers now need {'|'.join(more)} as well; callers "
                     "without it are refused", [iname])
        if fewer:
            self.add("compatible", f"{where}: callers no longer need {'|'.join(fewer)}")
        self.fields(iname, where, "parameter", m["request"], nm["request"])
        if not m["oneway"]:
            self.fields(iname, where, "result", m["reply"], nm["reply"])
            self.error(iname, where, m["error"], nm["error"])

    def error(self, iname, where, old, new):
        if old == new or (old is not None and self.renamed.get(old, old) == new):
            return
        self.add("wire", f"{where}: error enum is {new or 'none'}, was {old or 'none'}", [iname])

    def fields(self, iname, where, what, old, new):
        if len(old) != len(new):
            self.add("wire", f"{where}: {len(new)} {what}s, was {len(old)} "
                     f"({', '.join(f[0] for f in old) or 'none'} -> "
                     f"{', '.join(f[0] for f in new) or 'none'})", [iname])
            return
        for (oname, otype), (nname, ntype) in zip(old, new):
            a, b = parse_type(otype), parse_type(ntype)
            if not self.same_type(a, b):
                kind = "source" if self.wire_equal(a, b) else "wire"
                same = " (the same on the wire)" if kind == "source" else ""
                self.add(kind, f"{where}: {what} {oname} is {ntype}, was {otype}{same}",
                         [iname])
            if oname != nname:
                self.add("compatible", f"{where}: {what} {oname} renamed to {nname} (the wire "
                         "and C callers are unchanged)")


def members(i):
    """{ordinal: (kind, name, data)} of an interface's methods and events."""
    out = {m["ordinal"]: ("method", name, m) for name, m in i["methods"].items()}
    out.update({e["ordinal"]: ("event", name, e) for name, e in i["events"].items()})
    return out


def compare(old, new):
    """Every change from old to new, in a stable order: wire, then source, then compatible."""
    order = {"wire": 0, "source": 1, "compatible": 2}
    return sorted(Compare(old, new).run(), key=lambda c: order[c.kind])


def unbumped(old, new, changes):
    """Lines naming the interfaces whose breaking changes came without a @version bump."""
    out = []
    versions = {name: (i["version"], new["interfaces"].get(name, {}).get("version"))
                for name, i in old["interfaces"].items()}
    new_by_id = {v["id"]: v["version"] for v in new["interfaces"].values()}
    for name, (was, now) in sorted(versions.items()):
        if now is None:
            now = new_by_id.get(old["interfaces"][name]["id"])
        if now is not None and now < was:
            out.append(f"interface {name}: @version went down from {was} to {now}")
    breaks = [c for c in changes if c.kind != "compatible"]
    needs = {}
    for c in breaks:
        for name in c.ifaces or ():
            needs.setdefault(name, 0)
            needs[name] += 1
    for name, count in sorted(needs.items()):
        was, now = versions.get(name, (0, None))
        if now is None:
            now = new_by_id.get(old["interfaces"].get(name, {}).get("id"))
        if now is not None and now <= was:
            out.append(f"interface {name}: {count} breaking change(s) but @version is still "
                       f"{now}; make it {was + 1}")
    file_level = [c for c in breaks if not c.ifaces]
    bumped = any(v[1] is not None and v[1] > v[0] for v in versions.values())
    if file_level and not bumped:
        out.append(f"{len(file_level)} breaking change(s) to the library's types or constants "
                   "need a bigger @version on one of its interfaces (or `lock --force`)")
    return out
