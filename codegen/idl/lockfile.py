"""API lock files (<name>.api.lock, JSON): the API of every interface in an IDL file as
`idlc compat` compares it. Types are described once, by name, in a table, and messages refer
to them by name, so a lock grows linearly with its IDL file:

    {"format": 2, "library": "keel.console",
     "consts": {"LINE_MAX": {"type": "u8", "value": 200}},
     "types": {"Color": {"kind": "enum", "underlying": "u8", "members": {"BLACK": 0}},
               "Position": {"kind": "struct", "fields": [["row", "u8"], ["col", "u8"]]}},
     "interfaces": {"Console": {"id": 16, "version": 1, "reserved": [],
         "methods": {"write": {"ordinal": 1, "oneway": false, "rights": ["WRITE"],
                               "request": [["text", "string<200>"]],
                               "reply": [["written", "u8"]], "error": null}},
         "events": {}}}}

Type strings are IDL spellings with bounds as numbers: u8, Color, string<200>, bytes<9>,
array<Position, 4>, cap<channel, WRITE>. load() validates every key and value (E0402).
"""

import json
import re

from . import ast, frontend
from .errors import IdlError

FORMAT = 2
PRIMS = {"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "bool"}
_TOKEN = re.compile(r"\s*([A-Za-z_][A-Za-z0-9_]*|[0-9]+|[<>,|])")


def api_of(f):
    """The lock data of a checked file."""
    types = {}
    for d in f.decls:
        if isinstance(d, ast.Enum):
            types[d.name] = {"kind": "enum", "underlying": d.type.underlying.name,
                             "members": {m.name: m.value for m in d.members}}
        elif isinstance(d, ast.Struct):
            types[d.name] = {"kind": "struct",
                             "fields": [[fl.name, fl.type.idl()] for fl in d.fields]}
    ifaces = {}
    for i in f.of(ast.Interface):
        methods = {}
        for m in i.methods:
            methods[m.name] = {
                "ordinal": m.ordinal, "oneway": m.oneway,
                "rights": f.abi.rights_list(m.rights_mask),
                "request": [[p.name, p.type.idl()] for p in m.params],
                "reply": None if m.oneway else [[r.name, r.type.idl()] for r in m.results],
                "error": m.error_enum.name if m.error_enum else None}
        events = {e.name: {"ordinal": e.ordinal, "params": [[p.name, p.type.idl()]
                                                             for p in e.params]}
                  for e in i.events}
        ifaces[i.name] = {"id": i.iface_id, "version": i.version,
                          "reserved": sorted(o for o, _ in i.reserved),
                          "methods": methods, "events": events}
    return {"format": FORMAT, "library": f.library,
            "consts": {c.name: {"type": c.type.name, "value": c.value}
                       for c in f.of(ast.Const)},
            "types": types, "interfaces": ifaces}


def dump(api):
    return json.dumps(api, indent=2, sort_keys=True) + "\n"


def parse_type(text):
    """A type string as a tuple: ("u8",), ("named", N), ("string", n), ("bytes", n),
    ("array", elem, n), ("cap", obj, (rights...)); ValueError if malformed."""
    toks = _TOKEN.findall(text)
    if "".join(toks) != re.sub(r"\s+", "", text):
        raise ValueError(f"bad type {text!r}")
    pos = [0]

    def take(expect=None):
        if pos[0] >= len(toks) or (expect and toks[pos[0]] != expect):
            raise ValueError(f"bad type {text!r}")
        pos[0] += 1
        return toks[pos[0] - 1]

    def number():
        tok = take()
        if not tok.isdigit() or len(tok) > 6:
            raise ValueError(f"bad bound in {text!r}")
        return int(tok)

    def one(depth):
        if depth > 8:
            raise ValueError(f"type nests too deeply: {text!r}")
        word = take()
        if word in PRIMS:
            return (word,)
        if word in ("string", "bytes"):
            take("<")
            n = number()
            take(">")
            return (word, n)
        if word == "array":
            take("<")
            elem = one(depth + 1)
            take(",")
            n = number()
            take(">")
            return ("array", elem, n)
        if word == "cap":
            take("<")
            obj = take()
            take(",")
            rights = [take()]
            while pos[0] < len(toks) and toks[pos[0]] == "|":
                take("|")
                rights.append(take())
            take(">")
            return ("cap", obj, tuple(rights))
        if not word[0].isalpha():
            raise ValueError(f"bad type {text!r}")
        return ("named", word)

    out = one(0)
    if pos[0] != len(toks):
        raise ValueError(f"bad type {text!r}")
    return out


class Checker:
    """Validates lock data read from JSON; every problem is E0402 naming the key."""

    def __init__(self, shown):
        self.shown = shown

    def fail(self, where, what):
        raise IdlError("E0402", f"{self.shown} is not a valid lock file: {where} {what}")

    def obj(self, v, where, keys):
        if not isinstance(v, dict):
            self.fail(where, "must be an object")
        missing = sorted(set(keys) - set(v))
        if missing:
            self.fail(where, f"lacks {', '.join(missing)}")
        return v

    def integer(self, v, where, lo, hi):
        if type(v) is not int or not lo <= v <= hi:
            self.fail(where, f"must be an integer from {lo} to {hi}")
        return v

    def string(self, v, where):
        if not isinstance(v, str) or not v:
            self.fail(where, "must be a non-empty string")
        return v

    def fields(self, v, where, names):
        if not isinstance(v, list):
            self.fail(where, "must be a list")
        for k, item in enumerate(v):
            if not (isinstance(item, list) and len(item) == 2
                    and all(isinstance(x, str) and x for x in item)):
                self.fail(f"{where}[{k}]", "must be [name, type]")
            self.type(item[1], f"{where}[{k}]", names)

    def type(self, text, where, names):
        try:
            t = parse_type(text)
        except ValueError as exc:
            self.fail(where, str(exc))
        stack = [t]
        while stack:
            t = stack.pop()
            if t[0] == "named" and t[1] not in names:
                self.fail(where, f"names type {t[1]!r}, which its types table lacks")
            if t[0] == "array":
                stack.append(t[1])

    def run(self, api):
        self.obj(api, "the top level", ("format", "library", "consts", "types", "interfaces"))
        if api["format"] != FORMAT:
            self.fail("format", f"is {api['format']!r}; this idlc reads format {FORMAT} "
                      "(regenerate the lock with tools/idlc lock --force)")
        self.string(api["library"], "library")
        for name, c in self.obj(api["consts"], "consts", ()).items():
            self.obj(c, f"consts.{name}", ("type", "value"))
            self.integer(c["value"], f"consts.{name}.value", -(1 << 63), (1 << 64) - 1)
        names = set(self.obj(api["types"], "types", ()))
        for name, t in api["types"].items():
            self.obj(t, f"types.{name}", ("kind",))
            if t["kind"] == "enum":
                self.obj(t, f"types.{name}", ("underlying", "members"))
                for m, v in self.obj(t["members"], f"types.{name}.members", ()).items():
                    self.integer(v, f"types.{name}.members.{m}", -(1 << 63), (1 << 64) - 1)
            elif t["kind"] == "struct":
                self.obj(t, f"types.{name}", ("fields",))
                self.fields(t["fields"], f"types.{name}.fields", names)
            else:
                self.fail(f"types.{name}.kind", "must be enum or struct")
        for name, i in self.obj(api["interfaces"], "interfaces", ()).items():
            self.interface(i, f"interfaces.{name}", names)
        return api

    def interface(self, i, where, names):
        self.obj(i, where, ("id", "version", "reserved", "methods", "events"))
        self.integer(i["id"], f"{where}.id", 1, 0x7FFF)
        self.integer(i["version"], f"{where}.version", 1, 0xFFFF)
        if not isinstance(i["reserved"], list):
            self.fail(f"{where}.reserved", "must be a list")
        for k, o in enumerate(i["reserved"]):
            self.integer(o, f"{where}.reserved[{k}]", 1, 0xFFFF)
        for name, m in self.obj(i["methods"], f"{where}.methods", ()).items():
            w = f"{where}.methods.{name}"
            self.obj(m, w, ("ordinal", "oneway", "rights", "request", "reply", "error"))
            self.integer(m["ordinal"], f"{w}.ordinal", 1, 0xFFFF)
            if not isinstance(m["oneway"], bool):
                self.fail(f"{w}.oneway", "must be true or false")
            if not isinstance(m["rights"], list) or not all(isinstance(r, str)
                                                            for r in m["rights"]):
                self.fail(f"{w}.rights", "must be a list of rights")
            self.fields(m["request"], f"{w}.request", names)
            if m["oneway"]:
                if m["reply"] is not None or m["error"] is not None:
                    self.fail(w, "is oneway: its reply and error must be null")
            elif m["reply"] is None:
                self.fail(f"{w}.reply", "must be a list: the method is two-way")
            else:
                self.fields(m["reply"], f"{w}.reply", names)
            if m["error"] is not None and (not isinstance(m["error"], str)
                                           or m["error"] not in names):
                self.fail(f"{w}.error", "must be null or a type of the types table")
        for name, e in self.obj(i["events"], f"{where}.events", ()).items():
            self.obj(e, f"{where}.events.{name}", ("ordinal", "params"))
            self.integer(e["ordinal"], f"{where}.events.{name}.ordinal", 1, 0xFFFF)
            self.fields(e["params"], f"{where}.events.{name}.params", names)


def load(path):
    """The API of a .idl file (checked) or of a lock file (validated)."""
    if path.endswith(".idl"):
        return api_of(frontend.load(path))
    shown, text = frontend.read_source(path)
    try:
        api = json.loads(text)
    except ValueError as exc:
        raise IdlError("E0402", f"{shown} is not a lock file: {exc}") from None
    return Checker(shown).run(api)
