"""Loads an IDL file through every checking stage: lexing, parsing, semantic checks, C-name
collisions and the message-size proof. Whatever passes here can be generated."""

import os

from . import abi as abi_mod
from . import checker, layout, lexer, names, parser
from .errors import IdlError, Loc, Source


def display_path(path):
    """The path as shown in diagnostics and generated files: relative when under the cwd."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return path.replace(os.sep, "/")


def read_source(path):
    """(path as shown, text with line breaks normalized); E0401 if unreadable, E0001 (located)
    for invalid UTF-8."""
    shown = display_path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise IdlError("E0401", f"cannot read {shown}: {exc.__class__.__name__}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
        before = data[:exc.start].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        raise IdlError("E0001", f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                       Loc.at(Source(shown, text), offset=len(before))) from None
    return shown, text.replace("\r\n", "\n").replace("\r", "\n")  # as universal newlines


def parse(path):
    """Lexes and parses one file (syntax only)."""
    shown, text = read_source(path)
    return parser.parse(lexer.lex(shown, text))


def load(path, abi=None):
    """Parses and checks one file against the ABI (abi.h unless given)."""
    abi = abi or abi_mod.load()
    f = parse(path)
    checker.check(f, abi)
    names.check_collisions(f, names.CNames(f))
    f.abi = abi
    layout.prove_file(f, abi)
    return f
