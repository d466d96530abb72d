"""init_program: init (//servers/init) linked with one compiled system manifest.
system_image: a bootable system from a manifest file and its programs."""

load("//codegen:manifest.bzl", "system_manifest")
load("//tools/rules:image.bzl", "boot_image")
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

def _program_name(label):
    """The boot module name boot_image gives a program: its target name."""
    if ":" in label:
        return label.split(":")[-1]
    return label.split("/")[-1]

def system_image(name, manifest, programs, idls, debug = False, cmdline = "", **kwargs):
    """The boot image `name` (`name`.iso): init compiled with `manifest` (checked against
    `idls`; the build fails naming the line of a bad manifest) as boot module 0, then
    `programs` as modules 1, 2, ... Each manifest `program` names one of them by its target
    name. With `debug` the image's units may print through SYS_DEBUG_PRINT (test images)."""
    system_manifest(
        name = name + "_manifest",
        src = manifest,
        idls = idls,
        programs = [_program_name(p) for p in programs],
    )
    init_program(
        name = name + "_init",
        manifest = ":" + name + "_manifest",
        layout_test = False,
    )
    boot_image(
        name = name,
        cmdline = cmdline,
        debug = debug,
        kernel = "//kernel",
        modules = [":" + name + "_init"] + programs,
        **kwargs
    )
