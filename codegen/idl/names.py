"""Names: which IDL names are allowed (E0224, E0107), the C name of everything the generator
emits, and the check that no two of those collide (E0223).

A library `a.b` gives the prefix `a_b`; an interface adds its snake_case name unless that
equals the library's last segment (library keel.console + interface Console -> keel_console).
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
              "switch", "typedef", "union", "unsigned", "void", "volatile", "while", "bool",
              "true", "false", "req", "resp", "msg", "info", "srv", "ctx", "caller", "ep",
              "timeout_us", "rc", "p", "v", "i", "state"}
LOOP_VAR = re.compile(r"^i[0-9]+$")  # loop counters in generated code
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


class NameRules:
    """The rules for names written in an IDL file."""

    def __init__(self, f, abi):
        self.f, self.abi = f, abi

    def check_library(self):
        for seg, loc in self.f.segments:
            if not LIB_SEGMENT.match(seg) or seg in C_KEYWORDS or seg in IDL_KEYWORDS:
                raise IdlError("E0107", f"library segment {seg!r} must be lowercase letters "
                               "and digits, starting with a letter", self.f.library_loc)
        first = self.f.segments[0][0]
        if C_PREFIXES.match(first):
            raise IdlError("E0107", f"library prefix {first!r} is taken by the C headers the "
                           "generated code includes", self.f.library_loc)

    def check(self, name, loc, style):
        regex, desc = STYLES[style]
        if (name.lower() in IDL_KEYWORDS or name in C_KEYWORDS or LOOP_VAR.match(name)
                or name.lower().startswith("idl_")):
            raise IdlError("E0224", f"{name!r} is a reserved word", loc)
        if not regex.match(name) or "__" in name or name.endswith("_"):
            raise IdlError("E0224", f"{name!r} must be {desc}", loc)


def snake(name):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return s.lower()


def macro(*parts):
    return "_".join(p.upper() for p in parts)


class CNames:
    """The C name of every declaration of one file."""

    def __init__(self, f):
        self.f = f
        self.lib = f.library.replace(".", "_")
        self.last = f.library.split(".")[-1]

    def iface_prefix(self, iface):
        name = snake(iface.name)
        return self.lib if name == self.last else f"{self.lib}_{name}"

    def type_name(self, decl):
        return f"{self.lib}_{snake(decl.name)}"

    def enum_member(self, e, m):
        return macro(self.lib, snake(e.name), m.name)

    def const_name(self, c):
        return macro(self.lib, c.name)

    def method_names(self, iface, m):
        base = f"{self.iface_prefix(iface)}_{m.name}"
        return {
            "fn": base, "req": f"{base}_req", "resp": f"{base}_resp",
            "encode_req": f"{base}_encode_req", "decode_req": f"{base}_decode_req",
            "check_req": f"{base}_check_req", "encode_resp": f"{base}_encode_resp",
            "decode_resp": f"{base}_decode_resp", "check_resp": f"{base}_check_resp",
            "handle": f"{base}_handle",
            "ordinal": macro(base, "ORDINAL"), "index": macro(base, "INDEX"),
            "type": macro(base, "TYPE"),
        }

    def iface_names(self, iface):
        x = self.iface_prefix(iface)
        return {
            "prefix": x, "handlers": f"{x}_handlers", "server": f"{x}_server",
            "server_init": f"{x}_server_init", "dispatch": f"{x}_dispatch",
            "serve": f"{x}_serve", "reject": f"{x}_reject", "id": macro(x, "IFACE_ID"),
            "version": macro(x, "VERSION"), "count": macro(x, "METHOD_COUNT"),
        }


HEADER_NAMES = {"KEEL_ABI_H": "abi.h", "KEEL_ABI_VERSION": "abi.h",
                "KEEL_IDL_RUNTIME_H": "idl_runtime.h"}


def check_collisions(f, cx):
    """Raises E0223 if two declarations map to the same C identifier."""
    seen = {}

    def add(name, loc, what):
        if name in HEADER_NAMES:
            raise IdlError("E0223", f"{what} generates C name {name!r}, which "
                           f"<keel/{HEADER_NAMES[name]}> already defines", loc)
        if name in seen:
            raise IdlError("E0223", f"{what} generates C name {name!r}, already generated for "
                           f"{seen[name][1]} (line {seen[name][0].line})", loc)
        seen[name] = (loc, what)

    for d in f.decls:
        if isinstance(d, ast.Const):
            add(cx.const_name(d), d.loc, f"constant {d.name}")
        elif isinstance(d, ast.Enum):
            for suffix in ("", "_valid"):
                add(cx.type_name(d) + suffix, d.loc, f"enum {d.name}")
            for m in d.members:
                add(cx.enum_member(d, m), m.loc, f"enum member {d.name}.{m.name}")
        elif isinstance(d, ast.Struct):
            for suffix in ("", "_put", "_get", "_check"):
                add(cx.type_name(d) + suffix, d.loc, f"struct {d.name}")
    for i in f.of(ast.Interface):
        for name in cx.iface_names(i).values():
            add(name, i.loc, f"interface {i.name}")
        for m in i.methods:
            for name in cx.method_names(i, m).values():
                add(name, m.loc, f"method {i.name}.{m.name}")
