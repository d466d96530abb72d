"""qemu_test: boots a boot_image in QEMU and checks its serial output (tools/rules/qemu_test.py)."""

def _quote(s):
    # Bazel expands "$" (Make variables) and then splits test args like a Bourne shell:
    # escape "$" (regex anchors) and quote each argument whole.
    return "'" + s.replace("$", "$$").replace("'", "'\\''") + "'"

def _steps(what, steps):
    # A step is a (regex, text) pair or a "REGEX=>TEXT" string (split at the first "=>").
    out = []
    for s in steps:
        if type(s) == "string":
            if "=>" not in s:
                fail("%s step %r: write (regex, text) or \"REGEX=>TEXT\"" % (what, s))
            s = s.split("=>", 1)
        if len(s) != 2:
            fail("%s step %r: write (regex, text) or \"REGEX=>TEXT\"" % (what, s))
        regex = " &&& ".join(s[0]) if type(s[0]) == "tuple" else s[0]  # all, in any order
        out.append((regex, s[1]))
    return out

def qemu_test(name, image, expect = [], forbid = [], exit_code = None, timeout_s = 45,
              qemu_args = [], size = "small", memory = None, send = [], sendkey = [],
              screen = [], screen_cells = [], screen_on = None, run_options = None,
              smp_variants = [], **kwargs):
    """Boots `image` and judges its serial output (docs/build.md, "QEMU tests").

    expect: regexes that serial lines must match, in order; a tuple of regexes is one step
        whose regexes may match in any order (lines that different CPUs print at once).

    send: [(regex, text), ...] or ["REGEX=>TEXT", ...]: when the next serial line matching
        regex appears, text (escapes \\n \\r \\t \\\\ \\xHH) goes to the guest's serial
        input, in order; with a tuple of regexes, once each has matched (in any order).
    sendkey: the same, typed as key presses through QEMU's monitor (`sendkey`): capitals and
        symbols with shift, newline as `ret`, "{name}" for any QEMU key name.
    screen: regexes that rows of the VGA text screen (read through QEMU's monitor once every
        expectation matched and every step fired, again until they match) must match, in
        order from the top.
    screen_cells: ["ATTR=COUNT", ...]: the screen has COUNT cells with attribute byte ATTR
        (e.g. "0x1e=57": yellow on blue).
    screen_on: a regex: the screen is read once, when a serial line matching it appears
        (before that line's sendkey step), instead of at the end; the guest holds it still
        by waiting for that key.
    smp_variants: CPU counts (e.g. [4]): the same test once more for each, named
        `<name>_smp<N>`, booting with N CPUs (QEMU -smp N; with run_options, tools/run --smp N).
    run_options: boot through tools/run (`tools/run --iso ISO --monitor SOCKET --timeout T`
        and these options, e.g. ["--vga", "--display", "none"]) instead of qemu_test.py's
        own QEMU command line: what a user's `tools/run ...` runs. Not with exit_code,
        memory, qemu_args or send.
    """
    # A boot takes seconds; timeout_s (QEMU's own limit, which prints the serial log) stays
    # under a small test's 60 s, so a hang is reported by qemu_test.py, not killed by Bazel.
    args = ["--iso", "$(rootpath %s)" % image, "--timeout", str(timeout_s)]
    for e in expect:  # a tuple: regexes that may match in any order (qemu_test.py ANY_ORDER)
        args += ["--expect", _quote(" &&& ".join(e) if type(e) == "tuple" else e)]
    for f in forbid:
        args += ["--forbid", _quote(f)]
    if memory != None:
        args += ["--memory", memory]  # MiB of guest RAM (qemu_test.py's default: 128)
    if exit_code != None:
        args += ["--exit-code", str(exit_code)]
    for regex, text in _steps("send", send):
        args += ["--send-on=" + _quote(regex), "--send-text=" + _quote(text)]
    for regex, text in _steps("sendkey", sendkey):
        args += ["--sendkey-on=" + _quote(regex), "--sendkey-text=" + _quote(text)]
    for q in qemu_args:
        args.append("--qemu-arg=" + _quote(q))  # "=": values start with "-"
    for r in screen:
        args += ["--screen", _quote(r)]
    for c in screen_cells:
        args += ["--screen-cells", _quote(c)]
    if screen_on != None:
        args += ["--screen-on", _quote(screen_on)]
    data = [image]
    if run_options != None:
        if exit_code != None or memory != None or qemu_args or send:
            fail("qemu_test %s: run_options (tools/run) takes no exit_code, memory, " % name +
                 "qemu_args or send")
        args += ["--tools-run", "$(rootpath //tools:run)"]
        args += ["--run-option=" + _quote(o) for o in run_options]
        data += ["//tools:run", "//tools:run_qemu.py"]
    for cpus in [None] + smp_variants:
        smp = []
        if cpus != None:
            smp = ["--run-option=--smp", "--run-option=%d" % cpus] if run_options != None else [
                "--qemu-arg=-smp", "--qemu-arg=%d" % cpus]
            if run_options == None and "-icount" not in qemu_args:
                # One host thread runs the vCPUs in turn, each until it idles or 100 ms of
                # host time pass: a call to a busy CPU waited that long. Counting instructions
                # switches vCPUs at each timer deadline (docs/smp.md).
                smp += ["--qemu-arg=-icount", "--qemu-arg=shift=0,sleep=off"]
        native.py_test(
            name = name if cpus == None else "%s_smp%d" % (name, cpus),
            srcs = ["//tools/rules:qemu_test.py"],
            main = "//tools/rules:qemu_test.py",
            python_version = "PY3",
            args = args + smp,
            data = data,
            size = size,
            **kwargs
        )
