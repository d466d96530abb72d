"""C toolchain configuration for the freestanding i686 target (Debian's gcc-i686-linux-gnu).

Flags are grouped by purpose. No libc: code built here may use only the compiler's freestanding
headers (<stdint.h>, <stddef.h>, <stdbool.h>, <stdarg.h>) and libgcc.
"""

load("@bazel_tools//tools/build_defs/cc:action_names.bzl", "ACTION_NAMES")
load(
    "@bazel_tools//tools/cpp:cc_toolchain_config_lib.bzl",
    "feature",
    "flag_group",
    "flag_set",
    "tool_path",
)

_COMPILE_ACTIONS = [
    ACTION_NAMES.assemble,
    ACTION_NAMES.preprocess_assemble,
    ACTION_NAMES.c_compile,
    ACTION_NAMES.cpp_compile,
]

_LINK_ACTIONS = [
    ACTION_NAMES.cpp_link_executable,
]

# Freestanding code generation for a 32-bit x86 without a runtime.
_TARGET_FLAGS = [
    "-m32",
    "-march=i686",
    "-ffreestanding",
    "-fno-pic",
    "-fno-stack-protector",
    "-fno-asynchronous-unwind-tables",
    "-fno-omit-frame-pointer",
]

# Optimisation and debugging: the same in every compilation mode, so benchmarks and tests see
# the code that ships, and gdb sees symbols.
_OPT_FLAGS = ["-O2", "-g"]

# Reproducibility: no timestamps in outputs.
_REPRO_FLAGS = [
    "-Wno-builtin-macro-redefined",
    "-D__DATE__=\"redacted\"",
    "-D__TIMESTAMP__=\"redacted\"",
    "-D__TIME__=\"redacted\"",
]

_LINK_FLAGS = [
    "-m32",
    "-nostdlib",
    "-static",
    "-no-pie",
    "-Wl,--build-id=none",
    "-Wl,-z,noexecstack",
    "-Wl,--no-warn-rwx-segments",
]

def _impl(ctx):
    tools = {
        "gcc": "i686-gcc",
        "ld": "/usr/bin/i686-linux-gnu-ld",
        "ar": "/usr/bin/i686-linux-gnu-ar",
        "cpp": "/usr/bin/i686-linux-gnu-cpp",
        "nm": "/usr/bin/i686-linux-gnu-nm",
        "objcopy": "/usr/bin/i686-linux-gnu-objcopy",
        "objdump": "/usr/bin/i686-linux-gnu-objdump",
        "strip": "/usr/bin/i686-linux-gnu-strip",
        "gcov": "/usr/bin/i686-linux-gnu-gcov",
    }
    features = [
        feature(
            name = "i686_compile_flags",
            enabled = True,
            flag_sets = [flag_set(
                actions = _COMPILE_ACTIONS,
                flag_groups = [flag_group(flags = _TARGET_FLAGS + _OPT_FLAGS + _REPRO_FLAGS)],
            )],
        ),
        feature(
            name = "i686_link_flags",
            enabled = True,
            flag_sets = [flag_set(
                actions = _LINK_ACTIONS,
                flag_groups = [flag_group(flags = _LINK_FLAGS)],
            )],
        ),
    ]
    return cc_common.create_cc_toolchain_config_info(
        ctx = ctx,
        features = features,
        cxx_builtin_include_directories = ["/usr/lib/gcc-cross/i686-linux-gnu/"],
        toolchain_identifier = "i686-none-gcc",
        host_system_name = "x86_64-linux-gnu",
        target_system_name = "i686-none-elf",
        target_cpu = "i686",
        target_libc = "none",
        compiler = "gcc",
        abi_version = "none",
        abi_libc_version = "none",
        tool_paths = [tool_path(name = k, path = v) for k, v in tools.items()],
    )

i686_cc_toolchain_config = rule(
    implementation = _impl,
    attrs = {},
    provides = [CcToolchainConfigInfo],
)
