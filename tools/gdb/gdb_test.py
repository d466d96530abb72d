"""//tools/gdb:gdb_test: the gdb extension (keel.py) against the real system image in QEMU.

Boots the image stopped (-S) with a gdb stub on a free port, attaches gdb in batch mode with
the extension loaded, lets the system run until the shell has printed its prompt and every
user thread waits (a breakpoint on the idle CPU's wait, whose condition the extension's own
readers evaluate), then runs each `keel` command and checks its output against what the
system manifest started: every unit, the shell's threads and capabilities, CPU 0 idle, and
the shell's user backtrace symbolized down to its main().

Usage: gdb_test.py IMAGE_ISO KERNEL_ELF KEEL_PY SHELL_ELF (the boot and the quiet point:
tools/devtools/qemu_gdb.py)
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from tools.devtools import qemu_gdb  # noqa: E402

UNITS = [r"image\w*_init", "serial", "keyboard", "console", "devmgr", "memory", "shell"]
COMMANDS = ["keel units", "keel threads", "keel threads shell", "keel cpus", "keel caps shell",
            "keel user shell %s", "keel caps nosuch", "keel user 1", "keel objects",
            "keel objects unit", "keel objects nosuch", "keel trace", "keel trace 5",
            "keel trace x"]


def check(cond, what, failures):
    print("%s: %s" % ("ok" if cond else "FAIL", what))
    if not cond:
        failures.append(what)


def check_trace(got, shell_threads, failures):
    """keel trace on the tracing image: on, CPU 0's ring counted, the last events decoded
    with names, the shell's last event its switch away into its receive."""
    trace = got.get("keel trace", "")
    check("tracing is on; 2048 events per CPU ring" in trace, "keel trace: on", failures)
    ring = re.search(r"^cpu 0: (\d+) written, (\d+) taken, (\d+) dropped$", trace, re.M)
    check(ring and int(ring.group(1)) >= int(ring.group(2)) > 0,
          "keel trace: CPU 0's ring written and taken by init's tracer", failures)
    rows = re.findall(r"^\s*(\d+\.\d)\s+0\s+(\d+)\s+(\w+)\s+(.*)$", trace, re.M)
    check(len(rows) == 20, "keel trace: the last 20 events", failures)
    check(all(float(a[0]) >= float(b[0]) for a, b in zip(rows, rows[1:])),
          "keel trace: oldest first", failures)
    shell = re.search(r"^(\d+)\s+shell\s", shell_threads, re.M)
    check(shell and any(kind == "switch" and re.match(r"%s -> \d+ \(waits for receive\)" %
                                                       shell.group(1), args)
                        for _, _, kind, args in rows),
          "keel trace: the shell's switch away into its receive", failures)
    check(any(kind == "syscall" and re.match(r"ipc_\w+\(0x", args) for _, _, kind, args in rows),
          "keel trace: system calls named", failures)
    check(len(re.findall(r"^\s*\d+\.\d\s", got.get("keel trace 5", ""), re.M)) == 5,
          "keel trace 5: five events", failures)
    check("keel: usage: keel trace [N]" in got.get("keel trace x", ""),
          "keel trace x: a one-line usage error", failures)


def main():
    iso, kernel, keel, shell_elf = (os.path.abspath(a) for a in sys.argv[1:5])
    commands = [c % shell_elf if "%s" in c else c for c in COMMANDS]
    try:
        out = qemu_gdb.run_quiet(iso, kernel, commands, keel_py=keel)
    except qemu_gdb.BootError as err:
        print(err)
        return 1
    print(out)
    got, failures = qemu_gdb.sections(out), []
    got["keel user"] = got.get("keel user shell " + shell_elf, "")
    units = got.get("keel units", "")
    for name in UNITS:
        check(re.search(r"^\d+\s+%s\s+running\s+[1-9]\d*\s+\d+\s+[1-9]\d*$" % name, units,
                        re.M), "keel units lists %s running with threads and capabilities"
              % name, failures)
    threads = got.get("keel threads shell", "")
    check(re.search(r"^\d+\s+shell\s+blocked\s+\d+/\d+\s+0\s+ipc_\w+ \w+ \d+$", threads, re.M),
          "keel threads shell: the shell's thread waits in IPC on CPU 0", failures)
    check(all(" shell " in line for line in threads.splitlines()
              if line.strip() and not line.startswith("TID")),
          "keel threads shell lists only the shell's threads", failures)
    check(len(got.get("keel threads", "").splitlines()) > len(threads.splitlines()),
          "keel threads lists more threads than the shell's", failures)
    check(re.search(r"^0\s+idle\s+\d+\s+[1-9]\d*\s+", got.get("keel cpus", ""), re.M),
          "keel cpus: CPU 0 idle, having switched", failures)
    caps = got.get("keel caps shell", "")
    shell_caps = re.search(r"^\d+\s+shell\s+running\s+\d+\s+\d+\s+(\d+)$", units, re.M)
    rows = re.findall(r"^0x[0-9a-f]{8}\s+(\w+)\s+([RWXGA-]{5})\s+0x[0-9a-f]{16}\s+(.+)$",
                      caps, re.M)
    check(shell_caps and len(rows) == int(shell_caps.group(1)),
          "keel caps shell: as many rows as keel units counts", failures)
    check(any(kind == "endpoint" for kind, _, _ in rows), "the shell holds an endpoint",
          failures)
    check(any(kind == "unit" and obj.endswith(" shell") for kind, _, obj in rows),
          "the shell holds its own unit capability (named)", failures)
    user = got.get("keel user", "")
    check(re.search(r"^#0\s+0x[0-9a-f]{8} in syscall_(sysenter|int80)", user, re.M),
          "keel user: frame 0 in the runtime's system call stub", failures)
    check(re.search(r"^#\d+\s+0x[0-9a-f]{8} in main( \+ \d+)? at main\.c:\d+$", user, re.M),
          "keel user: the backtrace reaches the shell's main() with its line", failures)
    check("keel: no unit 'nosuch'" in got.get("keel caps nosuch", ""),
          "keel caps of an unknown unit: a one-line error", failures)
    check("keel: no user thread 1" in got.get("keel user 1", ""),
          "keel user of an unknown thread: a one-line error", failures)
    objects = got.get("keel objects", "")
    in_use = re.search(r"^unit\s+(\d+)\s+\d+$", objects, re.M)
    check(in_use and int(in_use.group(1)) == len(UNITS),
          "keel objects: as many units in use as keel units lists", failures)
    check(re.search(r"^thread\s+[1-9]\d*\s+\d+$", objects, re.M),
          "keel objects: threads in use", failures)
    paid = got.get("keel objects unit", "")
    check(re.search(r"^unit \d+ shell\s+\d+\s+\d+\s+shell$", paid, re.M) and
          re.search(r"^unit \d+ image\w*_init\s+\d+\s+\d+\s+kernel$", paid, re.M),
          "keel objects unit: the shell paid by its budget (UNIT_START_BUDGET), init by the "
          "kernel", failures)
    check("keel: no kind 'nosuch'" in got.get("keel objects nosuch", ""),
          "keel objects of an unknown kind: a one-line error", failures)
    check_trace(got, threads, failures)
    check("=== done" in out, "the driver ran to its end", failures)
    print("gdb_test: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
