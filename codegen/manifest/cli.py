"""The manifest compiler's command line: `check` and `gen` (docs/system.md). Every failure is
a diagnostic with a stable id and exit status 1; a bug in the compiler is M0900, never a
Python traceback."""

import argparse
import sys

from codegen.idl import frontend
from codegen.idl.cli import write
from codegen.idl.errors import IdlError

from . import checker, emit, graph, parser
from .errors import ManifestError, Source


def read(path):
    """The manifest's Source; M0601 if it cannot be read or is not UTF-8."""
    try:
        shown, text = frontend.read_source(path)
    except IdlError as err:
        where = f"{err.loc.path}:{err.loc.line}: " if err.loc is not None else ""
        raise ManifestError("M0601", where + err.message) from None
    return Source(shown, text)


def program_list(text):
    """--programs a,b,c: the boot programs in module order (module 1, 2, ...)."""
    names = [p.strip() for p in text.split(",")] if text.strip() else []
    for p in names:
        if not parser.PROGRAM.fullmatch(p):
            raise ManifestError("M0604", f"--programs: `{p}` is not a program name")
        if names.count(p) > 1:
            raise ManifestError("M0604", f"--programs: {p} is given twice")
    return names


def compile_manifest(args):
    """(manifest, start order, programs) of a checked manifest."""
    src = read(args.file)
    programs = program_list(args.programs)
    manifest = parser.parse(src)
    interfaces = checker.load_interfaces(args.idl)
    checker.check(manifest, interfaces, programs)
    graph.check_priorities(manifest)
    graph.check_cycles(manifest)
    return manifest, graph.start_order(manifest), programs


def cmd_check(args):
    compile_manifest(args)
    return 0


def cmd_gen(args):
    manifest, order, programs = compile_manifest(args)
    source = manifest.src.path
    try:
        write(args.out, emit.render_c(manifest, order, programs, source))
        if args.json:
            write(args.json, emit.render_json(manifest, order, programs, source))
    except IdlError as err:
        raise ManifestError("M0602", err.message) from None
    return 0


def build_parser():
    p = argparse.ArgumentParser(prog="manifest", description="Keel system-manifest compiler")
    sub = p.add_subparsers(dest="cmd", required=True)
    for name, fn, text in (("check", cmd_check, "check a manifest"),
                           ("gen", cmd_gen, "check a manifest and write its C table")):
        s = sub.add_parser(name, help=text)
        s.add_argument("file")
        s.add_argument("--idl", action="append", default=[], metavar="FILE.idl",
                       help="an IDL file whose interfaces units serve (repeat)")
        s.add_argument("--programs", required=True, metavar="A,B,...",
                       help="the boot programs in module order (module 1 first)")
        s.set_defaults(fn=fn)
        if name == "gen":
            s.add_argument("-o", "--out", required=True, help="the C file to write")
            s.add_argument("--json", help="the JSON description to write")
    return p


def main(argv=None):
    args = build_parser().parse_args(argv)
    try:
        return args.fn(args)
    except (ManifestError, IdlError) as err:
        sys.stderr.write(err.render())
        return 1
    except Exception as exc:  # noqa: BLE001 - the promise is: never a traceback
        msg = f"manifest compiler bug: {exc.__class__.__name__}: {exc}; please report with " \
              "the input files"
        sys.stderr.write(ManifestError("M0900", msg).render())
        return 1
