"""Names: which IDL names are allowed (E0224, E0107), the C name of everything the generator
emits, and the check that no two of those collide (E0223).

C names. A library `a.b` gives the prefix `a_b`. A declaration adds its snake_case name,
without the library's last segment where it would repeat it: in library keel.console,
interface Console gives `keel_console`, enum ConsoleError `keel_console_error` and
`KEEL_CONSOLE_ERROR_*`, struct Position `keel_console_position`, constant CONSOLE_MAX
`KEEL_CONSOLE_MAX`.

Names the generator introduces beside IDL names in one C scope (parameters, locals) start with
`idl_`, which IDL names may not; so an IDL name can only clash with C keywords, the C and ABI
headers the generated code includes, and the library's own generated names (all refused).
"""

import re

from . import ast
from .errors import IdlError

IDL_KEYWORDS = {"library", "const", "enum", "struct", "interface", "reserved", "oneway",
                "error", "event", "string", "bytes", "array", "cap", "u8", "u16", "u32", "u64",
                "i8", "i16", "i32", "i64", "bool"}
C_KEYWORDS = {"auto", "break", "case", "char", "const", "continue", "default", "do", "double",
              "else", "enum", "extern", "float", "for", "goto", "if", "inline", "int", "long",
              "register", "restrict", "return", "short", "signed", "sizeof", "static", "struct",
              "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "_Bool",
              "_Complex", "_Imaginary", "_Alignas", "_Alignof", "_Atomic", "_Generic",
              "_Noreturn", "_Static_assert", "_Thread_local", "asm", "typeof"}
# Lower-case names <stdint.h>, <stddef.h> and <stdbool.h> declare (the generated headers
# include them); the ABI header's own names are read from it (abi.Abi.c_names).
C_LIBRARY_NAMES = {"bool", "true", "false", "size_t", "ptrdiff_t", "wchar_t", "max_align_t",
                   "offsetof", "intptr_t", "uintptr_t", "intmax_t", "uintmax_t"} | {
    f"{u}int{kind}{bits}_t" for u in ("", "u") for kind in ("", "_least", "_fast")
    for bits in (8, 16, 32, 64)}
STYLES = {
    "type": (re.compile(r"^[A-Z][A-Za-z0-9]*$"), "UpperCamelCase"),
    "constant": (re.compile(r"^[A-Z][A-Z0-9_]*$"), "UPPER_SNAKE_CASE"),
    "member": (re.compile(r"^[a-z][a-z0-9_]*$"), "lower_snake_case"),
}
LIB_SEGMENT = re.compile(r"^[a-z][a-z0-9]*$")
# First library segments whose C prefix belongs to <keel/abi.h>, <keel/idl_runtime.h> or
# <stdint.h> (library err + const OK would redefine ERR_OK).
C_PREFIXES = re.compile(r"^(idl|ipc|err|cap|sys|sysenter|u?int[0-9]*|u?int(ptr|max)|size|"
                        r"ptrdiff|wchar|wint|sig)$")
MAX_NAME = 64  # C guarantees 63 significant characters; generated names add prefixes
MAX_LIBRARY = 64


class NameRules:
    """The rules for names written in an IDL file."""

    def __init__(self, f, abi):
        self.f = f
        self.prefix = f.library.replace(".", "_") + "_"
        self.reserved = C_KEYWORDS | C_LIBRARY_NAMES | abi.c_names

    def check_library(self):
        f = self.f
        if len(f.library) > MAX_LIBRARY:
            raise IdlError("E0107", f"library name is {len(f.library)} characters long; at "
                           f"most {MAX_LIBRARY} are allowed", f.library_loc)
        for seg, loc in f.segments:
            if seg in C_KEYWORDS or seg in IDL_KEYWORDS:
                raise IdlError("E0107", f"library segment {seg!r} is a reserved word", loc)
            if not LIB_SEGMENT.match(seg):
                raise IdlError("E0107", f"library segment {seg!r} must be lowercase letters "
                               "and digits, starting with a letter", loc)
        first, loc = f.segments[0]
        if C_PREFIXES.match(first):
            raise IdlError("E0107", f"library prefix {first!r} is taken by the C headers the "
                           "generated code includes", loc)

    def check(self, name, loc, style):
        regex, desc = STYLES[style]
        low = name.lower()
        if low in IDL_KEYWORDS or name in self.reserved:
            raise IdlError("E0224", f"{name!r} is a reserved word", loc)
        if low.startswith("idl_"):
            raise IdlError("E0224", f"{name!r} starts with idl_, which belongs to the "
                           "generated code", loc)
        if style == "member" and name.startswith(self.prefix):
            raise IdlError("E0224", f"{name!r} starts with {self.prefix}, the library's C "
                           "prefix: it could equal a generated name", loc)
        if len(name) > MAX_NAME:
            raise IdlError("E0224", f"{name[:20]}... is {len(name)} characters long; at most "
                           f"{MAX_NAME} are allowed", loc)
        if not regex.match(name) or "__" in name or name.endswith("_"):
            raise IdlError("E0224", f"{name!r} must be {desc}", loc)


def snake(name):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return s.lower()


def macro(*parts):
    return "_".join(p.upper() for p in parts)


# What the generator declares per method and per event: (key, suffix) of lower-case names
# and of macros. The templates reach them as n.<key>; the collision check uses the suffixes.
METHOD_NAMES = (("fn", ""), ("req", "_req"), ("resp", "_resp"), ("encode_req", "_encode_req"),
                ("decode_req", "_decode_req"), ("check_req", "_check_req"),
                ("encode_resp", "_encode_resp"), ("decode_resp", "_decode_resp"),
                ("check_resp", "_check_resp"), ("handle", "_handle"))
METHOD_MACROS = (("ordinal", "_ORDINAL"), ("index", "_INDEX"), ("type", "_TYPE"))
EVENT_NAMES = (("event", "_evt"), ("encode_event", "_encode_evt"),
               ("decode_event", "_decode_evt"), ("check_event", "_check_evt"),
               ("handle", "_handle_evt"))
EVENT_MACROS = (("ordinal", "_ORDINAL"), ("index", "_EVENT_INDEX"), ("type", "_TYPE"))
IFACE_NAMES = ("handlers", "server", "server_init", "dispatch", "dispatch_untyped", "serve",
               "reject", "client", "subscriber", "subscriber_init", "event_handlers",
               "events", "events_init", "events_dispatch", "events_recv", "events_reject")
IFACE_MACROS = ("IFACE_ID", "VERSION", "METHOD_COUNT", "EVENT_COUNT")


class MemberNames:
    """The C names of one method or event, made when asked for: n.fn, n.req, n["resp"],
    macros by their key (n.ordinal). Small, since a file may have 65,535. table maps each key
    to (suffix, is a macro)."""

    __slots__ = ("base", "table", "extra")

    def __init__(self, base, table, extra=None):
        self.base, self.table, self.extra = base, table, extra

    def __getattr__(self, key):
        entry = self.table.get(key)
        if entry is not None:
            suffix, upper = entry
            return (self.base.upper() if upper else self.base) + suffix
        if self.extra and key in self.extra:
            return self.extra[key]
        raise AttributeError(key)

    def __getitem__(self, key):
        try:
            return self.__getattr__(key)
        except AttributeError:
            raise KeyError(key) from None

    def values(self):
        return ([(self.base.upper() if upper else self.base) + suffix
                 for suffix, upper in self.table.values()]
                + list((self.extra or {}).values()))


def name_table(lower, upper):
    out = {k: (s, False) for k, s in lower}
    out.update({k: (s, True) for k, s in upper})
    return out


class CNames:
    """The C name of every declaration of one file."""

    def __init__(self, f):
        self.f = f
        self.lib = f.library.replace(".", "_")
        self.last = f.library.split(".")[-1]
        self.stems = {}

    def stem(self, name):
        """lib + snake(name), without the library's last segment where it would repeat."""
        out = self.stems.get(name)
        if out is None:
            out = self.stems[name] = self.make_stem(name)
        return out

    def make_stem(self, name):
        s = snake(name)
        if s == self.last:
            return self.lib
        if s.startswith(self.last + "_"):
            s = s[len(self.last) + 1:]
        return f"{self.lib}_{s}"

    def iface_prefix(self, iface):
        return self.stem(iface.name)

    def type_name(self, decl):
        return self.stem(decl.name)

    def enum_member(self, e, m):
        return macro(self.type_name(e), m.name)

    def const_name(self, c):
        return self.stem(c.name).upper()

    def bounded_name(self, kind, const):
        """string<LINE_MAX> -> keel_console_line_max_string: bounded types named by meaning."""
        return f"{self.stem(const.name)}_{kind}"

    def method_names(self, iface, m):
        return MemberNames(f"{self.iface_prefix(iface)}_{m.name}", METHOD_TABLE)

    def event_names(self, iface, e):
        prefix = self.iface_prefix(iface)
        return MemberNames(f"{prefix}_{e.name}", EVENT_TABLE,
                           {"send": f"{prefix}_send_{e.name}"})

    def iface_names(self, iface):
        x = self.iface_prefix(iface)
        out = {"prefix": x}
        out.update({k: f"{x}_{k}" for k in IFACE_NAMES})
        out.update({k.lower(): macro(x, k) for k in IFACE_MACROS})
        out["id"] = out.pop("iface_id")
        out["count"] = out.pop("method_count")
        return out


METHOD_TABLE = name_table(METHOD_NAMES, METHOD_MACROS)
EVENT_TABLE = name_table(EVENT_NAMES, EVENT_MACROS)
HEADER_NAMES = {"KEEL_ABI_H": "abi.h", "KEEL_ABI_VERSION": "abi.h",
                "KEEL_IDL_RUNTIME_H": "idl_runtime.h"}


def bounded_types(f):
    """Every string/bytes type bounded by a constant, once: [(kind, const)] in file order."""
    seen, out = set(), []
    for fl in f.all_fields():
        t = fl.type
        while t.kind == "array":
            t = t.elem
        if t.kind in ("string", "bytes") and t.const is not None:
            key = (t.kind, t.const.name)
            if key not in seen:
                seen.add(key)
                out.append((t.kind, t.const))
    return out


def generated_names(f, cx, members=True):
    """[(C names, loc, describe)] for every declaration, in file order: the names the
    generated code declares for it; describe() says what it is, for a diagnostic. Without
    members, the names of methods and events are left out."""
    out = []
    for d in f.decls:
        if isinstance(d, ast.Const):
            out.append(([cx.const_name(d)], d.loc, f"constant {d.name}".format))
        elif isinstance(d, ast.Enum):
            t = cx.type_name(d)
            out.append(([t, t + "_valid", t + "_name", t + "_status_name"], d.loc,
                        f"enum {d.name}".format))
            out += [([cx.enum_member(d, m)], m.loc, f"enum member {d.name}.{m.name}".format)
                    for m in d.members]
        elif isinstance(d, ast.Struct):
            t = cx.type_name(d)
            out.append(([t, t + "_put", t + "_get", t + "_check", t.upper() + "_WIRE_SIZE"],
                        d.loc, f"struct {d.name}".format))
    for kind, const in bounded_types(f):
        out.append(([cx.bounded_name(kind, const)], const.loc,
                    f"{kind}<{const.name}>".format))
    for i in f.of(ast.Interface):
        out.append(([v for k, v in cx.iface_names(i).items() if k != "prefix"], i.loc,
                    f"interface {i.name}".format))
        if not members:
            continue
        for m in i.methods:
            out.append((list(cx.method_names(i, m).values()), m.loc,
                        f"method {i.name}.{m.name}".format))
        for e in i.events:
            out.append((list(cx.event_names(i, e).values()), e.loc,
                        f"event {i.name}.{e.name}".format))
    return out


def families(f, cx):
    """The per-method and per-event names as families: (stems, suffixes) with every name a
    stem + a suffix; and every other generated name, listed singly."""
    singles = []
    for group, _, _ in generated_names(f, cx, members=False):
        singles += group
    fam = {"method": ([], tuple(x for _, x in METHOD_NAMES)),
           "method_macro": ([], tuple(x for _, x in METHOD_MACROS)),
           "event": ([], tuple(x for _, x in EVENT_NAMES)),
           "event_macro": ([], tuple(x for _, x in EVENT_MACROS)),
           "send": ([], ("",))}
    for i in f.of(ast.Interface):
        prefix = cx.iface_prefix(i) + "_"
        stems = [prefix + m.name for m in i.methods]
        fam["method"][0].extend(stems)
        fam["method_macro"][0].extend(s.upper() for s in stems)
        stems = [prefix + e.name for e in i.events]
        fam["event"][0].extend(stems)
        fam["event_macro"][0].extend(s.upper() for s in stems)
        fam["send"][0].extend(f"{prefix}send_{e.name}" for e in i.events)
    return singles, fam


def collisions_possible(f, cx):
    """False only if no two generated names can be equal: every name stem + suffix of a family
    equals another only if a stem repeats, two families share a stem and a suffix, or one
    stem is another plus the head of a suffix (a + "_req" == b + "_encode_req" needs
    a == b + "_encode"). Exact, so the full check runs only when this says True."""
    singles, fam = families(f, cx)
    if len(set(singles)) != len(singles) or set(singles) & HEADER_NAMES.keys():
        return True
    stem_sets = {k: set(v[0]) for k, v in fam.items()}
    for k, (stems, _) in fam.items():
        if len(stem_sets[k]) != len(stems):
            return True
    for k1, (stems1, x1s) in fam.items():
        heads = set()
        for k2, (_, x2s) in fam.items():
            if k1 != k2 and set(x1s) & set(x2s) and stem_sets[k1] & stem_sets[k2]:
                return True
            heads |= {(x2[:len(x2) - len(x1)], k2) for x1 in x1s for x2 in x2s
                      if len(x2) > len(x1) and x2.endswith(x1)}
        if heads:
            tails = tuple(sorted({d for d, _ in heads}))
            for s in stems1:
                if s.endswith(tails):
                    if any(s.endswith(d) and s[:len(s) - len(d)] in stem_sets[k2]
                           for d, k2 in heads):
                        return True
        for o in list(singles) + list(HEADER_NAMES):
            if any(o.endswith(x) and o[:len(o) - len(x)] in stem_sets[k1] for x in x1s):
                return True
    return False


def check_collisions(f, cx):
    """Raises E0223 if two declarations map to the same C identifier, or one maps to a name
    the included headers define, naming the first such pair in file order."""
    if not collisions_possible(f, cx):
        return
    seen = {}
    for group, loc, what in generated_names(f, cx):
        for name in group:
            if name in HEADER_NAMES:
                raise IdlError("E0223", f"{what()} generates C name {name!r}, which "
                               f"<keel/{HEADER_NAMES[name]}> already defines", loc)
            if name in seen:
                first_loc, first_what = seen[name]
                raise IdlError("E0223", f"{what()} generates C name {name!r}, already "
                               f"generated for {first_what()} (line {first_loc.line})", loc)
            seen[name] = (loc, what)
