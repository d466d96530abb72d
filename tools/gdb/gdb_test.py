"""//tools/gdb:gdb_test: the gdb extension (keel.py) against the real system image in QEMU.

Boots the image stopped (-S) with a gdb stub on a free port, attaches gdb in batch mode with
the extension loaded, lets the system run until the shell has printed its prompt and every
user thread waits (a breakpoint on the idle CPU's wait, whose condition the extension's own
readers evaluate), then runs each `keel` command and checks its output against what the
system manifest started: every unit, the shell's threads and capabilities, CPU 0 idle, and
the shell's user backtrace symbolized down to its main().

Usage: gdb_test.py IMAGE_ISO KERNEL_ELF KEEL_PY SHELL_ELF
"""
import os
import re
import socket
import subprocess
import sys
import tempfile

UNITS = ["image_init", "serial", "keyboard", "console", "devmgr", "memory", "shell"]

DRIVER = r'''
import gdb

SERIAL = %(serial)r


def quiet():
    """The shell prompted and every user thread waits (or is dead)."""
    try:
        with open(SERIAL, "rb") as f:
            if b"keel> " not in f.read():
                return False
    except OSError:
        return False
    names = [unit_name(u) for u in units()]
    if "shell" not in names:
        return False
    return all(str(t["state"]) in ("THREAD_BLOCKED", "THREAD_DEAD")
               for t in pool_objects("thread_pool", "struct thread") if int(t["unit"]))


class Quiet(gdb.Breakpoint):
    def stop(self):
        return quiet()


Quiet("arch_wait_for_interrupt")
gdb.execute("continue")
shell_tid = next(int(t["tid"]) for t in pool_objects("thread_pool", "struct thread")
                 if int(t["unit"]) and unit_name(t["unit"].dereference()) == "shell")
for label, cmd in [("keel units", "keel units"), ("keel threads", "keel threads"),
                   ("keel threads shell", "keel threads shell"), ("keel cpus", "keel cpus"),
                   ("keel caps shell", "keel caps shell"),
                   ("keel user", "keel user %%d %(shell_elf)s" %% shell_tid),
                   ("keel caps nosuch", "keel caps nosuch"), ("keel user 1", "keel user 1")]:
    print("=== " + label)
    try:
        gdb.execute(cmd)
    except gdb.error as e:
        print("error: %%s" %% e)
print("=== end")
gdb.execute("kill")
'''


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sections(out):
    """{command: its output} from the driver's '=== command' markers."""
    parts = re.split(r"^=== (.*)$", out, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def check(cond, what, failures):
    print("%s: %s" % ("ok" if cond else "FAIL", what))
    if not cond:
        failures.append(what)


def run(iso, kernel, keel, shell_elf, tmp):
    serial = os.path.join(tmp, "serial.log")
    driver = os.path.join(tmp, "driver.py")
    with open(driver, "w") as f:
        f.write(DRIVER % {"serial": serial, "shell_elf": shell_elf})
    port = free_port()
    qemu = subprocess.Popen(
        ["qemu-system-i386", "-accel", "tcg,thread=single", "-m", "256", "-display", "none",
         "-serial", "file:" + serial, "-monitor", "none", "-no-reboot", "-cdrom", iso,
         "-boot", "d", "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        gdb = subprocess.run(
            ["gdb", "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
             "-ex", "source " + keel, "-ex", "target remote 127.0.0.1:%d" % port,
             "-x", driver, kernel],
            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=240)
    finally:
        qemu.kill()
        qemu.wait()
    return gdb.stdout + gdb.stderr


def main():
    iso, kernel, keel, shell_elf = (os.path.abspath(a) for a in sys.argv[1:5])
    with tempfile.TemporaryDirectory() as tmp:
        out = run(iso, kernel, keel, shell_elf, tmp)
    print(out)
    got, failures = sections(out), []
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
    rows = re.findall(r"^0x[0-9a-f]{8}\s+(\w+)\s+([RWEGA-]{5})\s+0x[0-9a-f]{16}\s+(.+)$",
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
    check("=== end" in out, "the driver ran to its end", failures)
    print("gdb_test: %d failed" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
