"""idl_library: C libraries generated from one .idl file by idlc (see docs/idl.md).

    load("//codegen:defs.bzl", "idl_library")
    idl_library(name = "console_idl", src = "console.idl")

gives, for console.idl:
    :console_idl_types   cc_library  console_types.h, console_codec.h (+ codec .c)
    :console_idl_client  cc_library  console_client.h: one function per method
    :console_idl_server  cc_library  console_server.h: handler table and dispatch loop
    :console_idl_malformed_test  cc_test  generated malformed-message test (host, CMocka)
    :console_idl_api_test  sh_test  `idlc verify`: the file is formatted, its lock file
        (console.api.lock beside it, once `tools/idlc lock` wrote one) is current and
        records no unbumped breaking change, and its interface ids are in the workspace's
        registry (idl/interface_ids.txt, `tools/idlc ids --update`) and no one else's
Include them as "<package>/console_client.h". Output is deterministic: idlc writes no
timestamps or absolute paths, only the IDL path relative to the workspace.
"""

load("//codegen:outputs.bzl", "IDL_OUTPUTS")

def idl_library(name, src, visibility = None, malformed_test = True, tags = []):
    base = src.split("/")[-1]
    if not base.endswith(".idl"):
        fail("idl_library src must be a .idl file: " + src)
    base = base[:-len(".idl")]
    _api_test(name, src, tags)
    outs = {suffix: "%s_%s" % (base, suffix) for suffix in IDL_OUTPUTS}

    native.genrule(
        name = name + "_gen",
        srcs = [src],
        outs = outs.values(),
        cmd = "$(location //codegen:idlc) gen $(location %s) -o $(@D) --base %s" % (src, base),
        tools = ["//codegen:idlc"],
        visibility = visibility,
    )
    native.cc_library(
        name = name + "_types",
        hdrs = [outs["types.h"], outs["codec.h"]],
        srcs = [outs["codec.c"]],
        deps = ["//codegen:runtime"],
        visibility = visibility,
    )
    native.cc_library(
        name = name + "_client",
        hdrs = [outs["client.h"]],
        srcs = [outs["client.c"]],
        deps = [":" + name + "_types"],
        visibility = visibility,
    )
    native.cc_library(
        name = name + "_server",
        hdrs = [outs["server.h"]],
        srcs = [outs["server.c"]],
        deps = [":" + name + "_types"],
        visibility = visibility,
    )
    if malformed_test:
        native.cc_test(
            name = name + "_malformed_test",
            size = "small",
            srcs = [outs["malformed_test.c"]],
            deps = [
                ":" + name + "_client",
                ":" + name + "_server",
                "//codegen:fake_transport",
                "//tools/testing:cmocka",
            ],
            tags = tags,
        )

def _api_test(name, src, tags):
    """The api test of one IDL file: format, lock (if the file has one) and id registry."""
    lock = native.glob([src[:-len(".idl")] + ".api.lock"])
    args = [
        "$(rootpath //codegen:idlc)",
        "verify",
        "$(rootpath %s)" % src,
        "--registry",
        "$(rootpath //idl:interface_ids.txt)",
    ]
    data = [src, "//codegen:idlc", "//idl:interface_ids.txt"]
    if lock:
        args += ["--lock", "$(rootpath %s)" % lock[0]]
        data += lock
    native.sh_test(
        name = name + "_api_test",
        size = "small",
        srcs = ["//codegen:api_test.sh"],
        args = args,
        data = data,
        tags = tags,
    )
