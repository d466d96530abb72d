"""qemu_test: boots a boot_image in QEMU and checks its serial output (tools/rules/qemu_test.py)."""

def _quote(s):
    # Bazel expands "$" (Make variables) and then splits test args like a Bourne shell:
    # escape "$" (regex anchors) and quote each argument whole.
    return "'" + s.replace("$", "$$").replace("'", "'\\''") + "'"

def qemu_test(name, image, expect = [], forbid = [], exit_code = None, timeout_s = 45,
              qemu_args = [], size = "small", memory = None, **kwargs):
    # A boot takes seconds; timeout_s (QEMU's own limit, which prints the serial log) stays
    # under a small test's 60 s, so a hang is reported by qemu_test.py, not killed by Bazel.
    args = ["--iso", "$(rootpath %s)" % image, "--timeout", str(timeout_s)]
    for e in expect:
        args += ["--expect", _quote(e)]
    for f in forbid:
        args += ["--forbid", _quote(f)]
    if memory != None:
        args += ["--memory", memory]  # MiB of guest RAM (qemu_test.py's default: 128)
    if exit_code != None:
        args += ["--exit-code", str(exit_code)]
    for q in qemu_args:
        args.append("--qemu-arg=" + _quote(q))  # "=": values start with "-"
    native.py_test(
        name = name,
        srcs = ["//tools/rules:qemu_test.py"],
        main = "//tools/rules:qemu_test.py",
        python_version = "PY3",
        args = args,
        data = [image],
        size = size,
        **kwargs
    )
