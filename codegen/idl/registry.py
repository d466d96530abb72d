"""Interface ids across the workspace. `idlc ids` scans every .idl file of the workspace and
lists the ids in use; `--update` writes them to the registry (idl/interface_ids.txt), which
every idl_library's api test reads, so two interfaces anywhere in the workspace can never
share an id unnoticed, and Bazel's tests stay hermetic (they read the registry, not the tree).

Registry lines: `0x0010 keel.console.Console idl/console.idl` (id, library.Interface, path
from the workspace root), sorted by id; `#` starts a comment.
"""

import os
import re

from . import ast, frontend
from .errors import IdlError

REGISTRY = os.path.join("idl", "interface_ids.txt")
HEADER = """\
# Every interface id in use in this workspace: id, library.Interface, file. Written by
# `tools/idlc ids --update`; each idl_library's api test checks that its interfaces are
# listed here with these ids, so no two interfaces in the workspace share one.
"""
SKIP_DIRS = {".git", "node_modules"}
SKIP_PATHS = ("codegen/testdata/bad/",)  # the deliberately broken corpus
_LINE = re.compile(r"^(0x[0-9a-f]{4}) ([a-z][a-z0-9]*(?:\.[a-z][a-z0-9]*)*)\.([A-Z][A-Za-z0-9]*) "
                   r"(\S+)$")


def workspace_root(start="."):
    """The nearest directory at or above start holding a WORKSPACE file."""
    here = os.path.abspath(start)
    while True:
        if os.path.exists(os.path.join(here, "WORKSPACE")):
            return here
        parent = os.path.dirname(here)
        if parent == here:
            raise IdlError("E0401", f"no WORKSPACE file at or above {os.path.abspath(start)}: "
                           "run idlc ids inside the workspace")
        here = parent


def idl_files(root):
    """Every .idl file of the workspace (outside Bazel's output links and the bad corpus),
    as paths relative to root, sorted."""
    out = []
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("bazel-")
                         and not d.startswith("."))
        for name in files:
            if name.endswith(".idl"):
                rel = os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/")
                if not rel.startswith(SKIP_PATHS):
                    out.append(rel)
    return sorted(out)


def entries_of(f, rel):
    return [(i.iface_id, f"{f.library}.{i.name}", rel) for i in f.of(ast.Interface)]


def scan(root):
    """[(id, library.Interface, path)] of the workspace, sorted by id; E0207 on a shared id."""
    entries = []
    cwd = os.getcwd()
    os.chdir(root)
    try:
        for rel in idl_files(root):
            entries += entries_of(frontend.load(rel), rel)
    finally:
        os.chdir(cwd)
    check_unique(entries)
    return sorted(entries)


def check_unique(entries):
    seen = {}
    for iid, name, rel in sorted(entries, key=lambda e: (e[0], e[2], e[1])):
        if iid in seen:
            other = seen[iid]
            raise IdlError("E0207", f"interface id {iid:#06x} is used by {other[1]} "
                           f"({other[2]}) and by {name} ({rel})")
        seen[iid] = (iid, name, rel)


def write(root, entries):
    """Writes the registry of the workspace at root."""
    path = os.path.join(root, REGISTRY)
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(render(entries))
    except OSError as exc:
        raise IdlError("E0404", f"cannot write {path}: {exc.strerror}") from None


def render(entries):
    return HEADER + "".join(f"{iid:#06x} {name} {rel}\n" for iid, name, rel in entries)


def load(path):
    """The entries of a registry file; E0405 for a malformed line."""
    shown, text = frontend.read_source(path)
    out = []
    for k, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m:
            raise IdlError("E0405", f"{shown}:{k}: not `0xNNNN library.Interface path`: "
                           f"{line[:80]!r}")
        out.append((int(m.group(1), 16), f"{m.group(2)}.{m.group(3)}", m.group(4)))
    check_unique(out)
    return out


def free_id(entries):
    used = {e[0] for e in entries}
    return next(i for i in range(0x0010, 0x8000) if i not in used)
