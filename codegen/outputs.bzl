"""The files `idlc gen` writes for one .idl file, as <base>_<suffix>: the one list, read by
codegen/defs.bzl (the outputs Bazel declares) and by codegen/idl/generate.py (the files idlc
writes). Keep it a plain list of strings: generate.py parses it as a Python literal."""

IDL_OUTPUTS = [
    "types.h",
    "codec.h",
    "codec.c",
    "client.h",
    "client.c",
    "server.h",
    "server.c",
    "malformed_test.c",
]
