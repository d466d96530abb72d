"""user_program: a Keel user program, an ELF32 i686 static executable linked with the user
runtime (//clients/runtime: crt0, syscall wrappers, string/format library) at the layout of
clients/runtime/user.ld. See docs/user-runtime.md."""

load(":transition.bzl", "i686_files")

_I686_ONLY = [
    "@platforms//cpu:x86_32",
    "@platforms//os:none",
]

_USER_LD = "//clients/runtime:user.ld"
_LAYOUT_TEST = "//clients/runtime:elf_layout_test.py"

# The i686 toolchain already links with most of these; they are repeated so the program's
# layout does not depend on toolchain defaults.
_USER_LINKOPTS = [
    "-nostdlib",
    "-static",
    "-no-pie",
    "-Wl,--build-id=none",
    "-Wl,-T,$(location %s)" % _USER_LD,
    "-lgcc",
]

def user_program(name, srcs, deps = [], copts = [], layout_test = True, **kwargs):
    """An i686-only executable `name` from `srcs` (C or .S) whose `int main(uintptr_t arg)`
    runs in a fresh unit. Put it in a boot_image's `modules` to load it; the image rule moves
    it to the i686 platform. On the host platform the executable is skipped as incompatible.

    With layout_test, `<name>_layout_test` (a host test; it builds the program for i686 through
    a transition) checks the ELF: code at 0x400000, W^X page-aligned PT_LOAD segments."""
    native.cc_binary(
        name = name,
        srcs = srcs,
        deps = deps + ["//clients/runtime"],
        copts = copts,
        linkopts = _USER_LINKOPTS,
        additional_linker_inputs = [_USER_LD],
        target_compatible_with = _I686_ONLY,
        **kwargs
    )
    if not layout_test:
        return
    i686_files(
        name = name + "_i686",
        srcs = [":" + name],
        testonly = True,
        visibility = ["//visibility:public"],  # tests elsewhere read its symbols
    )
    native.py_test(
        name = name + "_layout_test",
        srcs = [_LAYOUT_TEST],
        main = _LAYOUT_TEST,
        args = ["$(rootpath :%s_i686)" % name],
        data = [":" + name + "_i686"],
        python_version = "PY3",
        size = "small",
    )
