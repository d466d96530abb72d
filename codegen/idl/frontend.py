"""Loads an IDL file through every checking stage: parse, semantic checks, C-name collisions
and the message-size proof. Whatever passes here can be generated."""

import os

from . import checker, cnames, layout, parser
from .errors import IdlError, Loc


def display_path(path):
    """The path as shown in diagnostics and generated files: relative when under the cwd."""
    if os.path.isabs(path):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return path.replace(os.sep, "/")


def read_source(path, sources):
    shown = display_path(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise IdlError("E0401", f"cannot read {shown}: {exc.__class__.__name__}") from None
    text = data.decode("utf-8", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # as universal newlines would
    sources[shown] = text
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[:exc.start].decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        line, col = before.count("\n") + 1, len(before) - before.rfind("\n")
        raise IdlError("E0001", f"invalid UTF-8 byte 0x{data[exc.start]:02x}",
                       Loc(shown, line, col)) from None
    return shown, text


def load(path, sources):
    """Parses and checks one file; sources collects texts for error rendering."""
    shown, text = read_source(path, sources)
    f = parser.parse(shown, text)
    checker.check(f)
    cnames.check_collisions(f)
    layout.check_file(f)
    return f
