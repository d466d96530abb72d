"""The idlc command line: gen, check, layout, doc, compat and lock. Every failure is printed as
a diagnostic with a stable error id and exit status 1; a bug in idlc itself is reported as
E0900 internal-error, never as a Python traceback."""

import argparse
import gc
import os
import sys

from . import compat, docgen, frontend, generate, layoutfmt
from .errors import IdlError


def cmd_check(args):
    for path in args.files:
        frontend.load(path)
    return 0


def cmd_gen(args):
    f = frontend.load(args.file)
    base = args.base or os.path.splitext(os.path.basename(args.file))[0]
    outputs = generate.render(f, base, frontend.display_path(args.file))
    make_dir(args.out)
    for name in sorted(outputs):
        write(os.path.join(args.out, name), outputs[name])
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


def cmd_lock(args):
    api = compat.api_of(frontend.load(args.file))
    out = args.out or os.path.splitext(args.file)[0] + ".api.lock"
    if os.path.exists(out) and not args.force:
        old = compat.load_api(out)
        problems = compat.unbumped_breaks(old, api)
        if problems:
            for p in problems:
                sys.stderr.write(p + "\n")
            raise IdlError("E0403", f"{frontend.display_path(args.file)} breaks {out} without "
                           "a version bump; bump @version or pass --force")
    write(out, compat.dump_api(api))
    return 0


def cmd_compat(args):
    old, new = compat.load_api(args.old), compat.load_api(args.new)
    breaks = compat.breaking_changes(old, new)
    for line in breaks:
        sys.stdout.write(line + "\n")
    problems = compat.unbumped_breaks(old, new)
    if problems:
        raise IdlError("E0403", f"{len(problems)} breaking change(s) without a version bump")
    if not breaks:
        sys.stdout.write("compatible\n")
    return 0


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


def write(path, text):
    """Writes only when the content changes, so timestamps stay put for build tools; E0404
    if the file cannot be written."""
    try:
        with open(path, encoding="utf-8") as fh:
            if fh.read() == text:
                return
    except (OSError, UnicodeDecodeError):
        pass
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise IdlError("E0404", f"cannot write {path}: {exc.strerror}") from None


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
