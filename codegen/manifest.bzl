"""system_manifest: a checked system manifest compiled into the C table init links (see
docs/system.md, "The manifest compiler").

    load("//codegen:manifest.bzl", "system_manifest")
    system_manifest(
        name = "system_manifest",
        src = "system.manifest",
        idls = ["//idl:serial.idl", "//idl:console.idl"],
        programs = ["serial", "console"],  # boot modules 1, 2, ... in this order
    )

gives:
    :system_manifest       cc_library  the generated system_manifest.c, which defines
                           `const struct manifest system_manifest` (servers/init/manifest.h)
    :system_manifest_json  filegroup   system_manifest.json: units, capabilities, wiring
    :system_manifest_gen   genrule     both files; fails with the compiler's message (file,
                           line, caret) when the manifest does not check
"""

def system_manifest(name, src, idls, programs, visibility = None, tags = []):
    if not programs:
        fail("system_manifest %s: programs must list the boot programs" % name)
    out_c = name + ".c"
    out_json = name + ".json"
    idl_args = " ".join(["--idl $(location %s)" % i for i in idls])
    native.genrule(
        name = name + "_gen",
        srcs = [src] + idls,
        outs = [out_c, out_json],
        cmd = ("$(location //codegen:manifest_compiler) gen $(location %s) %s " +
               "--programs %s -o $(location %s) --json $(location %s)") %
              (src, idl_args, ",".join(programs), out_c, out_json),
        tools = ["//codegen:manifest_compiler"],
        visibility = visibility,
        tags = tags,
    )
    native.cc_library(
        name = name,
        srcs = [out_c],
        deps = ["//servers/init:manifest_h"],
        visibility = visibility,
        tags = tags,
    )
    native.filegroup(
        name = name + "_json",
        srcs = [out_json],
        visibility = visibility,
        tags = tags,
    )
