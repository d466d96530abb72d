"""`idlc new DIR/NAME.idl`: starts a service. Writes a starter NAME.idl if there is none, then
beside it a server skeleton (NAME_service.h/.c: a handler per method answering ERR_NOSYS), an
example client (NAME_app.h/.c), a host test through the fake transport (NAME_test.c) and the
BUILD lines; registers the new interface ids. Never overwrites a file: an existing BUILD gets
the lines to add printed instead."""

import copy
import os
import re

import jinja2

from . import ast, frontend, generate, names, registry, testgen
from .errors import IdlError

NAME = re.compile(r"^[a-z][a-z0-9_]*$")


def camel(name):
    return "".join(part.capitalize() for part in name.split("_"))


def method_call(fctx, m, caps):
    """Locals, value statements and call arguments for calling method m from C."""
    cx = fctx.cx
    sampler = testgen.Sampler(cx, caps=caps, inline=True)
    locals_, sample, args = [], [], []
    for fl in m.params:
        locals_.append(fl.type.c_decl(cx, fl.name))
        sample += fl.type.c_sample(sampler, fl.name)
        args.append(fl.type.c_in_arg(fl.name))
    for fl in m.results or []:
        locals_.append(fl.type.c_decl(cx, fl.name))
        args.append(fl.type.c_out_arg(fl.name))
    zero = [f"idl_zero(&{fl.name}, sizeof({fl.name}));" for fl in m.params
            if fl.type.kind in ("struct", "string", "bytes", "array")]
    return {"locals": locals_, "call_args": args, "result_uses": [],
            "sample": "\n".join("\t" + s for s in zero + sample)}


def context(f, path, base, name, pkg):
    fctx = generate.FileContext(f, base, frontend.display_path(path))
    ifaces = f.of(ast.Interface)
    for ictx, i in zip(fctx.interfaces, ifaces):  # noqa: B007 - i names the interface
        # Scaffold names (<svc>_service_*, <svc>_test_*, <svc>_app_run) differ from generated
        # ones, which start with the library's prefix.
        ictx["svc"] = name if len(ifaces) == 1 else f"{name}_{names.snake(i.name)}"
        ictx["app"] = None
        for mctx in ictx["methods"]:
            m = mctx.m
            mctx.extra = {"param_names": [fl.name for fl in m.params + (m.results or [])]}
            mctx.extra.update(method_call(fctx, m, caps=True))
            if ictx["app"] is None and not any(fl.type.is_cap for fl in m.params):
                app = copy.copy(mctx)
                app.extra = dict(mctx.extra, **method_call(fctx, m, caps=False))
                ictx["app"] = app
    return {"ctx": fctx, "name": name, "base": base, "pkg": pkg,
            "guard": name.upper()}


def starter(path, library, root):
    """Writes a starter IDL for a new service at path."""
    base = os.path.splitext(os.path.basename(path))[0]
    library = library or "app." + base.replace("_", "")
    iface_id = registry.free_id(registry.scan(root)) if root else 0x0100
    text = env().get_template("new/starter.idl.j2").render(
        iface=camel(base), library=library, iface_id=iface_id)
    write_new(path, text)


def env():
    e = generate.environment()
    e.loader = jinja2.FileSystemLoader(generate.TEMPLATE_DIR)
    return e


def write_new(path, text):
    if os.path.exists(path):
        raise IdlError("E0404", f"{path} exists; idlc new never overwrites a file")
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as exc:
        raise IdlError("E0404", f"cannot write {path}: {exc.strerror}") from None


def package_of(folder, root):
    """`pkg/` as generated headers are included from a Bazel package; "" outside one."""
    if root is None:
        return ""
    rel = os.path.relpath(os.path.abspath(folder), root).replace(os.sep, "/")
    return "" if rel == "." else rel + "/"


def run(path, library, out):
    """Scaffolds the service of path; out is a stream for what was done and what to do next."""
    folder = os.path.dirname(path) or "."
    base = os.path.splitext(os.path.basename(path))[0]
    if not path.endswith(".idl") or not NAME.match(base):
        raise IdlError("E0404", f"{path}: name the file like kv.idl (lowercase letters, "
                       "digits and _)")
    try:
        root = registry.workspace_root(folder)
    except IdlError:
        root = None
    os.makedirs(folder, exist_ok=True)
    if not os.path.exists(path):
        starter(path, library, root)
        out.write(f"wrote {path} (a starter interface: edit it)\n")
    f = frontend.load(path)
    if not f.of(ast.Interface):
        raise IdlError("E0404", f"{path} declares no interface: nothing to serve")
    values = context(f, path, base, base, package_of(folder, root))
    e = env()
    for suffix in ("service.h", "service.c", "app.h", "app.c", "test.c"):
        target = os.path.join(folder, f"{base}_{suffix}")
        write_new(target, generate.ctext.fold(
            e.get_template(f"new/{suffix}.j2").render(**values)))
        out.write(f"wrote {target}\n")
    build = e.get_template("new/BUILD.j2").render(**values)
    build_path = os.path.join(folder, "BUILD")
    if os.path.exists(build_path):
        out.write(f"{build_path} exists; add these lines to it:\n\n{build}\n")
    else:
        write_new(build_path, build)
        out.write(f"wrote {build_path}\n")
    if root is not None:
        registry.write(root, registry.scan(root))
        out.write(f"registered its interface ids in {registry.REGISTRY}\n")
    pkg = package_of(folder, root).rstrip("/")
    out.write(f"next: bazel test //{pkg}:all\n")
