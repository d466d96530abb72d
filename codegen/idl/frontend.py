"""Loads an IDL file through every checking stage: parse, semantic checks, C-name collisions
and the message-size proof. Whatever passes here can be generated."""

import os

from . import checker, cnames, layout, parser
from .errors import IdlError


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
        with open(path, encoding="utf-8") as fh:
            text = fh.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise IdlError("E0401", f"cannot read {shown}: {exc.__class__.__name__}") from None
    sources[shown] = text
    return shown, text


def load(path, sources):
    """Parses and checks one file; sources collects texts for error rendering."""
    shown, text = read_source(path, sources)
    f = parser.parse(shown, text)
    checker.check(f)
    cnames.check_collisions(f)
    layout.check_file(f)
    return f
