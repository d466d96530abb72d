"""boot_image: a GRUB 2 bootable ISO holding a Multiboot kernel and module ELFs, all built for
the i686 platform through a transition."""

load(":transition.bzl", "to_i686")

def _single_file(target, what):
    files = target[DefaultInfo].files.to_list()
    if len(files) != 1:
        fail("%s must produce exactly one file, got %d" % (what, len(files)))
    return files[0]

def _boot_image_impl(ctx):
    kernel = _single_file(ctx.attr.kernel[0], "kernel")
    cmdline = ctx.attr.cmdline
    if ctx.attr.debug:
        cmdline = (cmdline + " debug").strip()
    args = [ctx.outputs.iso.path, kernel.path, cmdline]
    inputs = [kernel]
    for m in ctx.attr.modules:
        f = _single_file(m, "module " + str(m.label))
        args += [f.path, m.label.name]
        inputs.append(f)
    ctx.actions.run(
        executable = ctx.executable._mkimage,
        arguments = args,
        inputs = inputs,
        outputs = [ctx.outputs.iso],
        mnemonic = "GrubImage",
        progress_message = "Building boot image %s" % ctx.outputs.iso.short_path,
        use_default_shell_env = True,
    )
    ctx.actions.symlink(output = ctx.outputs.elf, target_file = kernel)
    return [DefaultInfo(
        files = depset([ctx.outputs.iso]),
        runfiles = ctx.runfiles(files = [ctx.outputs.iso, ctx.outputs.elf]),
    )]

boot_image = rule(
    implementation = _boot_image_impl,
    doc = "GRUB ISO with `kernel` booted by Multiboot v1 with `cmdline`, and `modules` in order " +
          "(each named after its target). `<name>.elf` is the kernel, for gdb. With `debug` the " +
          "root task (and every unit it starts) may print through SYS_DEBUG_PRINT: test images.",
    attrs = {
        "kernel": attr.label(cfg = to_i686, mandatory = True),
        "modules": attr.label_list(cfg = to_i686),
        "cmdline": attr.string(default = ""),
        "debug": attr.bool(default = False),
        "_mkimage": attr.label(
            default = "//tools/rules:mkimage.sh",
            executable = True,
            cfg = "exec",
            allow_single_file = True,
        ),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
    outputs = {"iso": "%{name}.iso", "elf": "%{name}.elf"},
)
