"""Parses a manifest (docs/system.md): `unit NAME {` ... `}` blocks with one statement a line.
Checks everything a single statement can show (numbers, ranges, names, alignment); what
needs the whole manifest or the IDL files is left to checker.py."""

import re

from . import model
from .errors import Loc, ManifestError

TOKEN = re.compile(r"[{}|]|[^\s{}|#]+")
NUMBER = re.compile(r"(?:0x[0-9a-fA-F]+|[0-9]+)")
NAME = re.compile(r"[a-z][a-z0-9_]*")
PROGRAM = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.+-]*")
WINDOW = re.compile(r"([0-9]+)(ms|s)")
NAME_MAX = 31  # KEEL_STARTUP_NAME_MAX less the NUL
RIGHTS = {"READ": 1, "WRITE": 2, "ADMIN": 16}  # CAP_RIGHT_* in <keel/abi.h>
PAGE = 4096
RESERVED_UNITS = ("init",)
IRQ_LINES = 16
KERNEL_IRQS = (0, 2)  # the timer and the PIC cascade


class Token:
    __slots__ = ("text", "loc")

    def __init__(self, text, loc):
        self.text, self.loc = text, loc


class Args:
    """The tokens of one statement after its keyword, taken from the left."""

    def __init__(self, keyword, toks):
        self.keyword, self.toks, self.pos = keyword, toks, 0

    def peek(self):
        return self.toks[self.pos].text if self.pos < len(self.toks) else None

    def take(self, what):
        if self.pos >= len(self.toks):
            end = self.keyword.loc if not self.toks else self.toks[-1].loc
            loc = Loc(end.src, end.line, end.col + end.length)
            raise ManifestError("M0101", f"`{self.keyword.text}` needs {what}", loc)
        self.pos += 1
        return self.toks[self.pos - 1]

    def name(self, what, pattern=NAME):
        tok = self.take(what)
        check_name(tok, what, pattern)
        return tok

    def number(self, what):
        tok = self.take(what)
        if not NUMBER.fullmatch(tok.text):
            raise ManifestError("M0103", f"{what}: `{tok.text}` is not a number (decimal or "
                                "0x hex)", tok.loc)
        value = int(tok.text, 0)
        if value >= 1 << 32:
            raise ManifestError("M0103", f"{what}: {tok.text} does not fit 32 bits", tok.loc)
        return value, tok

    def word(self, word):
        tok = self.take(f"`{word}`")
        if tok.text != word:
            raise ManifestError("M0101", f"expected `{word}`, found `{tok.text}`", tok.loc)
        return tok

    def done(self):
        if self.pos < len(self.toks):
            tok = self.toks[self.pos]
            raise ManifestError("M0101", f"unexpected `{tok.text}` at the end of "
                                f"`{self.keyword.text}`", tok.loc)


def check_name(tok, what, pattern=NAME):
    if not pattern.fullmatch(tok.text):
        raise ManifestError("M0107", f"{what}: `{tok.text}` is not a valid name "
                            f"({pattern.pattern})", tok.loc)
    if len(tok.text) > NAME_MAX:
        raise ManifestError("M0107", f"{what}: `{tok.text}` is longer than {NAME_MAX} "
                            "characters (a startup-table name)", tok.loc)


def tokenize(src, number, text):
    """The tokens of one line, up to a `#` comment; M0101 on a control or non-ASCII char."""
    for col, c in enumerate(text, 1):
        if c == "#":
            break
        if (ord(c) < 32 and c != "\t") or ord(c) > 126:
            raise ManifestError("M0101", f"unexpected character U+{ord(c):04X}",
                                Loc(src, number, col))
    body = text.split("#", 1)[0]
    return [Token(m.group(0), Loc(src, number, m.start() + 1, len(m.group(0))))
            for m in TOKEN.finditer(body)]


def parse(src):
    """The units of a manifest source, in file order."""
    units, current = [], None
    for number, text in enumerate(src.lines, 1):
        toks = tokenize(src, number, text)
        if not toks:
            continue
        if current is None:
            current = open_unit(toks, units)
        elif toks[0].text == "}":
            Args(toks[0], toks[1:]).done()
            units.append(current)
            current = None
        else:
            statement(current, toks)
    if current is not None:
        raise ManifestError("M0108", f"unit {current.name} is not closed with `}}`",
                            current.loc)
    return model.Manifest(src, units)


def open_unit(toks, units):
    head = toks[0]
    if head.text != "unit":
        if head.text in HANDLERS or head.text == "}":
            raise ManifestError("M0101", f"`{head.text}` outside a unit block", head.loc)
        raise ManifestError("M0102", f"unknown keyword `{head.text}` (expected `unit`)",
                            head.loc)
    args = Args(head, toks[1:])
    name = args.name("a unit name")
    args.word("{")
    args.done()
    if name.text in RESERVED_UNITS:
        raise ManifestError("M0109", f"`{name.text}` is reserved: init is the root task that "
                            "starts the units", name.loc)
    for u in units:
        if u.name == name.text:
            raise ManifestError("M0104", f"unit {name.text} is defined twice", name.loc,
                                [(f"unit {name.text} first defined here", u.name_loc)])
    return model.Unit(name.text, head.loc, name.loc)


def statement(unit, toks):
    head = toks[0]
    handler = HANDLERS.get(head.text)
    if handler is None:
        if head.text == "unit":
            raise ManifestError("M0101", f"`unit` inside unit {unit.name}: its `}}` is "
                                "missing", head.loc)
        raise ManifestError("M0102", f"unknown keyword `{head.text}` (one of: "
                            f"{', '.join(sorted(HANDLERS))})", head.loc)
    args = Args(head, toks[1:])
    caps = handler(unit, args)
    args.done()
    unit.statements.append((caps or 0, head.loc))


def set_once(unit, attr, setting):
    old = getattr(unit, attr)
    if old is not None:
        raise ManifestError("M0106", f"{attr.replace('_', ' ')} of unit {unit.name} is set "
                            "twice", setting.loc, [("first set here", old.loc)])
    setattr(unit, attr, setting)


def in_range(value, tok, low, high, what, code="M0203"):
    if not low <= value <= high:
        raise ManifestError(code, f"{what} {tok.text} is out of range {low}..{high}", tok.loc)


def st_program(unit, args):
    tok = args.name("a boot program's name", PROGRAM)
    set_once(unit, "program", model.Setting(tok.text, tok.loc))


def st_priority(unit, args):
    value, tok = args.number("the priority")
    in_range(value, tok, 1, 254, "priority", "M0201")
    set_once(unit, "priority", model.Setting(value, tok.loc))
    if args.peek() == "max":
        args.take("max")
        high, htok = args.number("the maximum priority")
        in_range(high, htok, 1, 254, "maximum priority", "M0201")
        if high < value:
            raise ManifestError("M0202", f"maximum priority {high} is below the priority "
                                f"{value}", htok.loc)
        unit.max_priority = model.Setting(high, htok.loc)


def st_memory(unit, args):
    value, tok = args.number("the budget in frames")
    in_range(value, tok, 1, 1 << 20, "memory")
    set_once(unit, "memory", model.Setting(value, tok.loc))


def st_threads(unit, args):
    value, tok = args.number("the thread count")
    in_range(value, tok, 1, 255, "threads")
    set_once(unit, "threads", model.Setting(value, tok.loc))


def st_regions(unit, args):
    value, tok = args.number("the number of memory objects")
    in_range(value, tok, 1, 255, "regions")
    set_once(unit, "regions", model.Setting(value, tok.loc))


def st_cpu(unit, args):
    value, tok = args.number("a CPU number")
    in_range(value, tok, 0, 7, "cpu")  # the kernel uses at most 8 CPUs
    set_once(unit, "cpu", model.Setting(value, tok.loc))


def st_restart(unit, args):
    tok = args.take("`always` or `never`")
    if tok.text == "never":
        set_once(unit, "restart", model.Restart(False, 0, 0, tok.loc))
        return
    if tok.text != "always":
        raise ManifestError("M0101", f"expected `always` or `never`, found `{tok.text}`",
                            tok.loc)
    limit, window = model.DEFAULT_RESTART_LIMIT, model.DEFAULT_RESTART_WINDOW_MS
    if args.peek() == "limit":
        args.take("limit")
        limit, ltok = args.number("the restart limit")
        in_range(limit, ltok, 1, 1000, "restart limit")
        args.word("per")
        window = restart_window(args.take("a window such as 10s or 500ms"))
    set_once(unit, "restart", model.Restart(True, limit, window, tok.loc))


def restart_window(tok):
    m = WINDOW.fullmatch(tok.text)
    if not m:
        raise ManifestError("M0103", f"restart window `{tok.text}` is not a number of "
                            "seconds (10s) or milliseconds (500ms)", tok.loc)
    ms = int(m.group(1)) * (1000 if m.group(2) == "s" else 1)
    if not 1 <= ms <= 3600000:
        raise ManifestError("M0203", f"restart window {tok.text} is out of range 1ms..3600s",
                            tok.loc)
    return ms


def st_serves(unit, args):
    tok = args.take("an interface (library.Interface)")
    check_name(tok, "an interface", re.compile(r".+"))
    unit.serves.append(model.Serves(tok.text, tok.loc))
    return 2  # SERVE and SELF


def st_ioport(unit, args):
    name = args.name("the range's name")
    base, btok = args.number("the port base")
    count, _ = args.number("the port count")
    if count == 0 or base + count > 0x10000:
        raise ManifestError("M0204", f"I/O ports {btok.text} + {count} are not within "
                            "0..0xffff (or the count is 0)", btok.loc)
    add_resource(unit, args, "ioport", name, (base, count), btok)
    return 1


def st_irq(unit, args):
    name = args.name("the IRQ's name")
    line, ltok = args.number("the IRQ line")
    if line >= IRQ_LINES or line in KERNEL_IRQS:
        raise ManifestError("M0206", f"IRQ line {ltok.text} cannot be given: lines are "
                            f"0..{IRQ_LINES - 1} and 0 (timer) and 2 (cascade) are the "
                            "kernel's", ltok.loc)
    add_resource(unit, args, "irq", name, (line, 1), ltok)
    return 2  # IRQ and IRQ_NOTIFY


def st_devmem(unit, args):
    name = args.name("the range's name")
    base, btok = args.number("the physical base")
    size, stok = args.number("the size")
    if base % PAGE or size % PAGE or size == 0:
        bad = btok if base % PAGE else stok
        raise ManifestError("M0205", f"device memory {btok.text} + {stok.text} is not "
                            "page-aligned (base and size multiples of 0x1000, size > 0)",
                            bad.loc)
    if base + size > 1 << 32:
        raise ManifestError("M0205", f"device memory {btok.text} + {stok.text} ends beyond "
                            "4 GiB", btok.loc)
    add_resource(unit, args, "devmem", name, (base, size), btok)
    return 1


def add_resource(unit, args, kind, name, values, value_tok):
    admin = args.peek() == "admin"
    if admin:
        args.take("admin")
    unit.resources.append(model.Resource(kind, name.text, values[0], values[1],
                                         args.keyword.loc, name.loc, value_tok.loc, admin))


def st_uses(unit, args):
    server = args.name("the serving unit's name")
    iface = args.take("an interface (library.Interface)")
    args.word("rights")
    rights, rights_loc = parse_rights(args)
    methods, inversion = [], False
    if args.peek() == "methods":
        word = args.take("methods")
        while args.peek() not in (None, "allow-inversion"):
            tok = args.take("a method")
            methods.append((tok.text, tok.loc))
        if not methods:
            raise ManifestError("M0101", "`methods` needs at least one method name", word.loc)
    if args.peek() == "allow-inversion":
        args.take("allow-inversion")
        inversion = True
    unit.uses.append(model.Uses(server.text, server.loc, iface.text, iface.loc, rights,
                                rights_loc, methods, inversion, args.keyword.loc))
    return 1


def parse_rights(args):
    """READ|WRITE|ADMIN (any non-empty set, `|`-separated) -> (mask, loc of the first)."""
    mask, first = 0, None
    while True:
        tok = args.take("a right (READ, WRITE, ADMIN)")
        if tok.text not in RIGHTS:
            raise ManifestError("M0110", f"unknown right `{tok.text}` (READ, WRITE, ADMIN)",
                                tok.loc)
        if mask & RIGHTS[tok.text]:
            raise ManifestError("M0106", f"right {tok.text} is given twice", tok.loc)
        mask |= RIGHTS[tok.text]
        first = first or tok.loc
        if args.peek() != "|":
            return mask, first
        args.take("|")


HANDLERS = {
    "program": st_program,
    "priority": st_priority,
    "memory": st_memory,
    "threads": st_threads,
    "regions": st_regions,
    "cpu": st_cpu,
    "restart": st_restart,
    "serves": st_serves,
    "ioport": st_ioport,
    "irq": st_irq,
    "devmem": st_devmem,
    "uses": st_uses,
}
