"""run_test: runs `tools/run --iso <image's ISO> <options>` and judges its exit status, stdout
and stderr (tools/rules/run_test.py): the tests of tools/run's scripting options."""

def _quote(s):
    # As in qemu_test.bzl: Bazel expands "$" and splits test args like a Bourne shell.
    return "'" + s.replace("$", "$$").replace("'", "'\\''") + "'"

def run_test(name, image, options, status, expect = [], stderr = [], signal_after = None,
             signal = "INT", to_group = False, size = "small", data = [], **kwargs):
    args = [
        "--run",
        "$(rootpath //tools:run)",
        "--iso",
        "$(rootpath %s)" % image,
        "--status",
        str(status),
    ]
    for e in expect:
        args += ["--expect", _quote(e)]
    for e in stderr:
        args += ["--stderr", _quote(e)]
    if signal_after != None:
        args += ["--signal-after", _quote(signal_after), "--signal", signal]
    if to_group:
        args.append("--to-group")
    args += ["--"] + [_quote(o) for o in options]
    native.py_test(
        name = name,
        srcs = ["//tools/rules:run_test.py"],
        main = "//tools/rules:run_test.py",
        python_version = "PY3",
        args = args,
        data = [image, "//tools:run", "//tools:run_qemu.py"] + data,
        size = size,
        **kwargs
    )
