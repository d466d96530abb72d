"""C names for everything the generator emits, and the check that no two collide (E0223).

A library `a.b` gives the prefix `a_b`; an interface adds its snake_case name unless that
equals the library's last segment (library keel.console + interface Console -> keel_console).
"""

import re

from . import ast
from .errors import IdlError


def snake(name):
    s = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    s = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", s)
    return s.lower()


def lib_prefix(f):
    return f.library.replace(".", "_")


def iface_prefix(f, iface):
    lib = lib_prefix(f)
    name = snake(iface.name)
    return lib if name == f.library.split(".")[-1] else f"{lib}_{name}"


def type_name(f, decl):
    return f"{lib_prefix(f)}_{snake(decl.name)}"


def macro(*parts):
    return "_".join(p.upper() for p in parts)


def enum_member(f, e, m):
    return macro(lib_prefix(f), snake(e.name), m.name)


def const_name(f, c):
    return macro(lib_prefix(f), c.name)


def method_names(f, iface, m):
    x = iface_prefix(f, iface)
    base = f"{x}_{m.name}"
    return {
        "fn": base, "req": f"{base}_req", "resp": f"{base}_resp",
        "encode_req": f"{base}_encode_req", "decode_req": f"{base}_decode_req",
        "check_req": f"{base}_check_req", "encode_resp": f"{base}_encode_resp",
        "decode_resp": f"{base}_decode_resp", "check_resp": f"{base}_check_resp",
        "handle": f"{base}_handle",
        "ordinal": macro(base, "ORDINAL"), "index": macro(base, "INDEX"),
        "type": macro(base, "TYPE"),
    }


def iface_names(f, iface):
    x = iface_prefix(f, iface)
    return {
        "prefix": x, "handlers": f"{x}_handlers", "server": f"{x}_server",
        "server_init": f"{x}_server_init", "dispatch": f"{x}_dispatch", "serve": f"{x}_serve",
        "reject": f"{x}_reject", "id": macro(x, "IFACE_ID"), "version": macro(x, "VERSION"),
        "count": macro(x, "METHOD_COUNT"),
    }


HEADER_NAMES = {"KEEL_ABI_H": "abi.h", "KEEL_ABI_VERSION": "abi.h",
                "KEEL_IDL_RUNTIME_H": "idl_runtime.h"}


def check_collisions(f):
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
            add(const_name(f, d), d.loc, f"constant {d.name}")
        elif isinstance(d, ast.Enum):
            for suffix in ("", "_valid"):
                add(type_name(f, d) + suffix, d.loc, f"enum {d.name}")
            for m in d.members:
                add(enum_member(f, d, m), m.loc, f"enum member {d.name}.{m.name}")
        elif isinstance(d, ast.Struct):
            for suffix in ("", "_put", "_get", "_check"):
                add(type_name(f, d) + suffix, d.loc, f"struct {d.name}")
    for i in f.of(ast.Interface):
        for name in iface_names(f, i).values():
            add(name, i.loc, f"interface {i.name}")
        for m in i.methods:
            for name in method_names(f, i, m).values():
                add(name, m.loc, f"method {i.name}.{m.name}")
