"""`idlc verify`: what every idl_library's api test and tools/test check for an IDL file
wherever it lives: it is formatted, its lock file (if it has one) is current and records no
unbumped breaking change, and its interfaces are in the workspace's id registry. The one line
that says what to run comes first; the detail follows."""

import os

from . import compat, fmt, frontend, lockfile, registry


def lock_problems(path, lock, api):
    """Problems of a lock file against the file's API: [] when current."""
    old = lockfile.load(lock)
    changes = compat.compare(old, api)
    unbumped = compat.unbumped(old, api, changes)
    if unbumped:
        out = [f"{path} breaks its lock {lock} without a version bump: bump @version where "
               "this says, then run tools/idlc lock " + path]
        out += ["  " + line for line in unbumped]
        out += [f"  {c.kind} break: {c.text}" for c in changes if c.kind != "compatible"]
        return out
    with open(lock, encoding="utf-8") as fh:
        if fh.read() != lockfile.dump(api):
            return [f"{lock} is stale; run tools/idlc lock {path}"] + \
                [f"  {c.kind}: {c.text}" for c in changes]
    return []


def registry_problems(path, f, entries):
    """Problems of the file's interfaces against the registry's entries."""
    out = []
    by_id = {e[0]: e for e in entries}
    for iid, name, _ in registry.entries_of(f, path):
        other = by_id.get(iid)
        if other is None:
            out.append(f"interface {name} (id {iid:#06x}) is not in the id registry; run "
                       "tools/idlc ids --update")
        elif other[1:] != (name, path):
            out.append(f"interface id {iid:#06x} of {name} ({path}) is already used by "
                       f"{other[1]} ({other[2]}); pick a free one (tools/idlc ids lists "
                       "them), then run tools/idlc ids --update")
    return out


def problems(path, lock=None, registry_path=None):
    """Every problem of one IDL file (path relative to the workspace root)."""
    f = frontend.load(path)
    out = []
    if not fmt.is_formatted(path):
        out.append(f"{path} is not formatted; run tools/idlc fmt {path}")
    if lock is not None:
        out += lock_problems(path, lock, lockfile.api_of(f))
    if registry_path is not None:
        out += registry_problems(path, f, registry.load(registry_path))
    return out


def tree_problems(root):
    """verify for every .idl file of the workspace, each with its lock file if it has one,
    plus the registry against a fresh scan. Paths are shown relative to the root."""
    if not os.path.exists(os.path.join(root, registry.REGISTRY)):
        return [f"{registry.REGISTRY} is missing; run tools/idlc ids --update"]
    cwd = os.getcwd()
    os.chdir(root)
    try:
        out = []
        for rel in registry.idl_files(root):
            lock = os.path.splitext(rel)[0] + ".api.lock"
            out += problems(rel, lock if os.path.exists(lock) else None, registry.REGISTRY)
        with open(registry.REGISTRY, encoding="utf-8") as fh:
            if fh.read() != registry.render(registry.scan(root)):
                out.insert(0, f"{registry.REGISTRY} is stale; run tools/idlc ids --update")
    finally:
        os.chdir(cwd)
    return out
