"""Moves a target to the bare-metal i686 platform, so one `bazel test //...` builds host tests
and the boot image together without flags."""

I686_PLATFORM = "//tools/platforms:i686_none"

def _to_i686_impl(settings, attr):
    return {"//command_line_option:platforms": I686_PLATFORM}

to_i686 = transition(
    implementation = _to_i686_impl,
    inputs = [],
    outputs = ["//command_line_option:platforms"],
)

def _i686_files_impl(ctx):
    files = depset(transitive = [t[DefaultInfo].files for t in ctx.attr.srcs])
    return [DefaultInfo(files = files, runfiles = ctx.runfiles(transitive_files = files))]

i686_files = rule(
    implementation = _i686_files_impl,
    doc = "The files of `srcs`, built for the i686 bare-metal platform.",
    attrs = {
        "srcs": attr.label_list(cfg = to_i686, mandatory = True),
        "_allowlist_function_transition": attr.label(
            default = "@bazel_tools//tools/allowlists/function_transition_allowlist",
        ),
    },
)
