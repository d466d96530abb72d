"""init_program: init (//servers/init) linked with one compiled system manifest."""

load("//tools/rules:user_program.bzl", "user_program")

def init_program(name, manifest, **kwargs):
    """The root task `name`: init starting and supervising the units of `manifest`, a
    cc_library defining `system_manifest` (a system_manifest target, or a hand-written table
    in tests)."""
    user_program(
        name = name,
        srcs = [],
        deps = ["//servers/init:init_lib", manifest],
        **kwargs
    )
