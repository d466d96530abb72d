"""Build macros for kernel code.

kernel_library: C code that may be built for the i686 kernel and for host unit tests.
kernel_host_test: a CMocka test on the host, linked with the fake arch.
kernel_only: deps that only the kernel image links.

Deps rules for kernel libraries: a library lists every generic library whose functions it
calls. The arch port (<kernel/arch.h> hooks, this_cpu, the mmu) is not a dep: the kernel image
links kernel/arch/x86, a host test links //kernel/arch/host:fake and whatever real arch code it
tests. A dep that the library's host tests replace (with their own fakes, the host fake's panic
and kprintf, or the C library's string functions) goes through kernel_only.
"""

# Kernel code never uses the FPU/SSE (user FPU state is saved eagerly on switches) and keeps
# frame pointers for backtraces.
KERNEL_COPTS = select({
    "//tools/platforms:is_i686_none": ["-mgeneral-regs-only", "-fno-builtin"],
    "//conditions:default": [],
}) + select({
    # The coverage build (--define=keel_kcov=1, tools/coverage): gcov counters, their gcov_info
    # records listed in section .gcov_info (no constructors) for kcov.c to write out. Counters
    # go up atomically (lock cmpxchg8b; the i386 early code, which has none, plainly): CPUs
    # racing on one, or an NMI between a counter's halves, would leave counts gcov finds
    # inconsistent (a negative branch count).
    "//tools/platforms:kcov": [
        "-fprofile-arcs",
        "-ftest-coverage",
        "-fprofile-info-section",
        "-fprofile-update=prefer-atomic",
    ],
    "//conditions:default": [],
})

# The coverage build's kernel also links kcov.c, which writes every object's counters out when
# the emulator is told to exit (arch_exit_emulator wrapped), with GCC's libgcov serializer.
KCOV_DEPS = select({
    "//tools/platforms:kcov": ["//kernel/arch/x86:kcov"],
    "//conditions:default": [],
})

KCOV_LINKOPTS = select({
    "//tools/platforms:kcov": [
        "-Wl,--wrap=arch_exit_emulator",
        "-Wl,--wrap=trap_dispatch",
        "-lgcov",
    ],
    "//conditions:default": [],
})

I686_ONLY = [
    "@platforms//cpu:x86_32",
    "@platforms//os:none",
]

def kernel_only(deps):
    """`deps` in the kernel image (i686); nothing on the host, where the tests supply fakes."""
    return select({
        "//tools/platforms:is_i686_none": deps,
        "//conditions:default": [],
    })

def kernel_library(name, srcs = [], hdrs = [], deps = [], x86_only = False, copts = [], **kwargs):
    native.cc_library(
        name = name,
        srcs = srcs,
        hdrs = hdrs,
        deps = deps + ["//kernel:headers"],
        copts = KERNEL_COPTS + copts,
        # In the kernel ELF every object counts (e.g. tables reached only by the linker
        # script); in host tests only what a test references is linked.
        alwayslink = select({
            "//tools/platforms:is_i686_none": True,
            "//conditions:default": False,
        }),
        target_compatible_with = I686_ONLY if x86_only else [],
        **kwargs
    )

def kernel_host_test(name, srcs, deps = [], copts = [], size = "small", **kwargs):
    native.cc_test(
        name = name,
        srcs = srcs,
        deps = deps + [
            "//kernel:headers",
            "//kernel/arch/host:fake",
            "//tools/testing:cmocka",
        ],
        copts = ["-DKEEL_KERNEL"] + copts,
        size = size,
        **kwargs
    )

def kernel_elf(name, deps, linker_script, **kwargs):
    """Links the kernel twice: pass 1 with an empty symbol table, pass 2 with the table made
    from pass 1's symbols (tools/gen_ksyms.py). The table is the image's last section, so no
    address moves between the passes and backtraces name the right functions."""
    common = dict(
        deps = deps + KCOV_DEPS,
        additional_linker_inputs = [linker_script],
        linkopts = ["-T", "$(location %s)" % linker_script] + KCOV_LINKOPTS + ["-lgcc"],
        target_compatible_with = I686_ONLY,
    )
    native.genrule(
        name = name + "_ksyms_empty",
        outs = [name + "_ksyms_empty.S"],
        cmd = "/usr/bin/python3 $(location //tools:gen_ksyms.py) < /dev/null > $@",
        tools = ["//tools:gen_ksyms.py"],
    )
    native.cc_binary(name = name + "_pass1", srcs = [name + "_ksyms_empty.S"], **common)
    native.genrule(
        name = name + "_ksyms",
        srcs = [":" + name + "_pass1"],
        outs = [name + "_ksyms.S"],
        cmd = "/usr/bin/i686-linux-gnu-nm -n $< | " +
              "/usr/bin/python3 $(location //tools:gen_ksyms.py) > $@",
        tools = ["//tools:gen_ksyms.py"],
    )
    native.cc_binary(name = name, srcs = [name + "_ksyms.S"], **dict(common, **kwargs))
