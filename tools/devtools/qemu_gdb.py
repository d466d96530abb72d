"""Boots a Keel image in QEMU stopped, attaches gdb in batch mode with tools/gdb/keel.py loaded,
lets the system run until it is quiet (the serial log shows `ready`, by default the shell's
prompt, and every user thread waits), then runs gdb commands there, each after a line
`=== COMMAND` (a command's error is printed as `error: ...`). run_points does that at several
quiet points in turn, each with its own serial line (tools/leakcheck: a baseline, then a
check). Used by tools/capgraph, tools/leakcheck and by the gdb extension's test."""
import os
import re
import socket
import subprocess
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
KEEL_PY = os.path.join(REPO, "tools", "gdb", "keel.py")

DRIVER = r'''
import gdb


READY = [None]


def quiet():
    """The serial log shows READY, and every user thread waits (or is dead)."""
    try:
        with open(%(serial)r, "rb") as f:
            if READY[0].encode() not in f.read():
                return False
    except OSError:
        return False
    return all(str(t["state"]) in ("THREAD_BLOCKED", "THREAD_DEAD")
               for t in pool_objects("thread_pool", "struct thread") if int(t["unit"]))


class Quiet(gdb.Breakpoint):
    def stop(self):
        return quiet()


Quiet("arch_wait_for_interrupt")
for ready, commands in %(points)r:
    READY[0] = ready
    gdb.execute("continue")
    print("=== quiet: " + ready)
    for cmd in commands:
        print("=== " + cmd)
        try:
            gdb.execute(cmd)
        except gdb.error as e:
            print("error: %%s" %% e)
print("=== done")
gdb.execute("kill")
'''


class BootError(Exception):
    pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sections(out):
    """{command: its output} of run_quiet's output."""
    parts = re.split(r"^=== (.*)$", out, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def run_quiet(iso, kernel, commands, ready="keel> ", timeout=240, keel_py=KEEL_PY):
    """gdb's output of `commands`, run once the image is quiet; BootError with the gdb and
    serial output if it never got there."""
    return run_points(iso, kernel, [(ready, commands)], timeout, keel_py)


def run_points(iso, kernel, points, timeout=240, keel_py=KEEL_PY, serial_log=None):
    """gdb's output of each point's commands, [(ready, commands), ...], run in turn once the
    image is quiet after its serial log shows `ready` (a line `=== quiet: READY` before
    them); BootError with the gdb and serial output if one never came within `timeout`. The
    serial log is kept at `serial_log` if given. `ready` is a substring of the log: end it
    without "\n" (the kernel's serial lines end in "\r\n")."""
    with tempfile.TemporaryDirectory() as tmp:
        serial = serial_log or os.path.join(tmp, "serial.log")
        driver = os.path.join(tmp, "driver.py")
        with open(driver, "w") as f:
            f.write(DRIVER % {"serial": serial,
                              "points": [(r, list(c)) for r, c in points]})
        port = free_port()
        qemu = subprocess.Popen(
            ["qemu-system-i386", "-accel", "tcg,thread=single", "-m", "256", "-display", "none",
             "-serial", "file:" + serial, "-monitor", "none", "-no-reboot", "-cdrom", iso,
             "-boot", "d", "-gdb", "tcp:127.0.0.1:%d" % port, "-S"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            gdb = subprocess.run(
                ["gdb", "-nx", "-batch", "-ex", "set pagination off", "-ex", "set confirm off",
                 "-ex", "source " + keel_py, "-ex", "target remote 127.0.0.1:%d" % port,
                 "-x", driver, kernel],
                stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            gdb, partial = None, e.stdout or b""
        finally:
            qemu.kill()
            qemu.wait()
        out = (gdb.stdout + gdb.stderr) if gdb else "%s\n(gdb timed out after %d s)" % (
            partial.decode(errors="replace") if isinstance(partial, bytes) else partial, timeout)
        if "=== done" not in out:
            with open(serial, errors="replace") as f:
                log = f.read()
            raise BootError("the image never got quiet, or a command failed:\n%s\n"
                            "--- serial:\n%s" % (out, log[-3000:]))
        return out
