"""The idlc command line: gen, check, layout, doc, compat and lock. Every failure is printed as
a diagnostic with a stable error id and exit status 1; a bug in idlc itself is reported as
E0900 internal-error, never as a Python traceback."""

import argparse
import filecmp
import gc
import os
import sys

from . import compat, docgen, fmt, frontend, layoutfmt, lockfile, registry, verify
from .errors import IdlError

KIND_LABEL = {"wire": "wire break", "source": "source break", "compatible": "compatible"}


def cmd_check(args):
    for path in args.files:
        frontend.load(path)
    return 0


def cmd_gen(args):
    f = frontend.load(args.file)
    from . import generate  # Jinja is imported only by the commands that render templates

    base = args.base or os.path.splitext(os.path.basename(args.file))[0]
    make_dir(args.out)
    for name, chunks in generate.render_stream(f, base, frontend.display_path(args.file)):
        write_stream(os.path.join(args.out, name), chunks)
    return 0


def cmd_layout(args):
    sys.stdout.write(layoutfmt.render(frontend.load(args.file)))
    return 0


def cmd_doc(args):
    text = docgen.render(frontend.load(args.file))
    if args.out:
        write(args.out, text)
    else:
        sys.stdout.write(text)
    return 0


def print_changes(changes, out):
    for c in changes:
        out.write(f"{KIND_LABEL[c.kind]}: {c.text}\n")


def cmd_lock(args):
    api = lockfile.api_of(frontend.load(args.file))
    out = args.out or os.path.splitext(args.file)[0] + ".api.lock"
    if os.path.exists(out) and not args.force:
        old = lockfile.load(out)
        changes = compat.compare(old, api)
        problems = compat.unbumped(old, api, changes)
        if problems:
            print_changes([c for c in changes if c.kind != "compatible"], sys.stderr)
            for p in problems:
                sys.stderr.write(p + "\n")
            raise IdlError("E0403", f"{frontend.display_path(args.file)} breaks {out} without "
                           "a version bump; bump @version as said above (or pass --force to "
                           "reset the lock deliberately)")
    write(out, lockfile.dump(api))
    return 0


def cmd_compat(args):
    old, new = lockfile.load(args.old), lockfile.load(args.new)
    changes = compat.compare(old, new)
    print_changes(changes, sys.stdout)
    breaking = [c for c in changes if c.kind != "compatible"]
    problems = compat.unbumped(old, new, changes)
    for p in problems:
        sys.stdout.write(p + "\n")
    if problems:
        raise IdlError("E0403", f"{len(breaking)} breaking change(s) without the version "
                       "bumps they need")
    if breaking:
        sys.stdout.write(f"{len(breaking)} breaking change(s), covered by version bumps\n")
    else:
        sys.stdout.write("compatible\n")
    return 0


def cmd_fmt(args):
    changed = []
    for path in args.files:
        raw, out = fmt.format_file(path)
        if raw == out:
            continue
        changed.append(path)
        if not args.check:
            write(path, out)
    if args.check and changed:
        for path in changed:
            sys.stdout.write(path + "\n")
        sys.stderr.write(f"idlc: {len(changed)} file(s) not formatted; run tools/idlc fmt "
                         + " ".join(changed) + "\n")
        return 1
    return 0


def cmd_ids(args):
    root = registry.workspace_root()
    entries = registry.scan(root)
    path = os.path.join(root, registry.REGISTRY)
    if args.update:
        registry.write(root, entries)
    elif args.check:
        with open(path, encoding="utf-8") as fh:
            if fh.read() != registry.render(entries):
                raise IdlError("E0405", f"{registry.REGISTRY} is stale; run tools/idlc ids "
                               "--update")
    else:
        for iid, name, rel in entries:
            sys.stdout.write(f"{iid:#06x}  {name}  {rel}\n")
        sys.stdout.write(f"next free id: {registry.free_id(entries):#06x}\n")
    return 0


def cmd_new(args):
    from . import scaffold

    scaffold.run(args.file, args.library, sys.stdout)
    return 0


def cmd_api(args):
    """The C API of a file: the generated types, client and server headers."""
    from . import generate

    f = frontend.load(args.file)
    base = os.path.splitext(os.path.basename(args.file))[0]
    outputs = generate.render(f, base, frontend.display_path(args.file))
    for suffix in ("types.h", "client.h", "server.h"):
        sys.stdout.write(f"/* ==== {base}_{suffix} ==== */\n{outputs[f'{base}_{suffix}']}\n")
    return 0


def cmd_verify(args):
    if args.tree:
        problems = verify.tree_problems(registry.workspace_root())
    else:
        problems = []
        for path in args.files:
            problems += verify.problems(path, args.lock, args.registry)
    for p in problems:
        sys.stderr.write(p + "\n")
    return 1 if problems else 0


def make_dir(path):
    """Creates an output directory; E0404 if it cannot be (a file is in the way...)."""
    if os.path.isdir(path):
        return
    if os.path.exists(path):
        raise IdlError("E0404", f"cannot write into {path}: it exists and is not a directory")
    try:
        os.makedirs(path)
    except OSError as exc:
        raise IdlError("E0404", f"cannot create directory {path}: {exc.strerror}") from None


def write_stream(path, chunks):
    """Writes chunks to path through a temporary file, replacing path only if the content
    differs (timestamps stay put for build tools); E0404 if it cannot be written."""
    tmp = path + ".idlc-tmp"
    try:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
        if os.path.exists(path) and filecmp.cmp(tmp, path, shallow=False):
            os.remove(tmp)
        else:
            os.replace(tmp, path)
    except OSError as exc:
        raise IdlError("E0404", f"cannot write {path}: {exc.strerror}") from None


def write(path, text):
    write_stream(path, [text])


def build_parser():
    p = argparse.ArgumentParser(prog="idlc", description="Keel IDL compiler")
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("check", help="parse and check IDL files")
    s.add_argument("files", nargs="+")
    s.set_defaults(fn=cmd_check)
    s = sub.add_parser("gen", help="generate C types, codecs, client, server and tests")
    s.add_argument("file")
    s.add_argument("-o", "--out", required=True, help="output directory")
    s.add_argument("--base", help="output file prefix (default: the IDL file's stem)")
    s.set_defaults(fn=cmd_gen)
    s = sub.add_parser("layout", help="print every message's byte layout")
    s.add_argument("file")
    s.set_defaults(fn=cmd_layout)
    s = sub.add_parser("doc", help="write Markdown API reference")
    s.add_argument("file")
    s.add_argument("-o", "--out")
    s.set_defaults(fn=cmd_doc)
    s = sub.add_parser("compat", help="report breaking changes from OLD to NEW (.idl or lock)")
    s.add_argument("old")
    s.add_argument("new")
    s.set_defaults(fn=cmd_compat)
    s = sub.add_parser("lock", help="write FILE's API lock file (refuses unbumped breaks)")
    s.add_argument("file")
    s.add_argument("-o", "--out")
    s.add_argument("--force", action="store_true")
    s.set_defaults(fn=cmd_lock)
    s = sub.add_parser("fmt", help="rewrite files in the canonical style")
    s.add_argument("files", nargs="+")
    s.add_argument("--check", action="store_true",
                   help="change nothing; list unformatted files and exit 1 if there are any")
    s.set_defaults(fn=cmd_fmt)
    s = sub.add_parser("ids", help="list the interface ids of the workspace")
    s.add_argument("--update", action="store_true", help="write idl/interface_ids.txt")
    s.add_argument("--check", action="store_true", help="fail if the registry is stale")
    s.set_defaults(fn=cmd_ids)
    s = sub.add_parser("new", help="start a service: IDL, skeleton, client, test, BUILD")
    s.add_argument("file", help="DIR/NAME.idl; a starter is written if it does not exist")
    s.add_argument("--library", help="library name of a new file (default app.NAME)")
    s.set_defaults(fn=cmd_new)
    s = sub.add_parser("api", help="print the C API generated for FILE (types, client, "
                       "server headers)")
    s.add_argument("file")
    s.set_defaults(fn=cmd_api)
    s = sub.add_parser("verify", help="format, lock and id registry of IDL files")
    s.add_argument("files", nargs="*")
    s.add_argument("--lock", help="the lock file to check FILE against")
    s.add_argument("--registry", help="the interface id registry to check FILE against")
    s.add_argument("--tree", action="store_true", help="every .idl file of the workspace")
    s.set_defaults(fn=cmd_verify)
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    # idlc builds large acyclic trees and exits: the cycle collector would only rescan them
    # (a third of the time on a 65,535-method file). Re-enabled for in-process callers.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        return args.fn(args)
    except IdlError as err:
        sys.stderr.write(err.render())
        return 1
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        msg = f"idlc bug: {exc.__class__.__name__}: {exc}; please report with the input file"
        sys.stderr.write(IdlError("E0900", msg).render())
        return 1
    finally:
        if gc_was_enabled:
            gc.enable()
