"""Boots a Keel image in QEMU with its serial line on a pipe, waits until the log shows every
`ready` pattern (by default init's "running" line and the shell's prompt), then types each
command on the serial line and reads until its `until` pattern appears, as a user at the
console would. Used by tools/capgraph for the shell's `capsnap` (docs/tools.md)."""
import os
import re
import selectors
import subprocess
import time

READY = (r"init: running: ", r"keel> ")


class SerialError(Exception):
    pass


class Session:
    """The guest's serial output so far (`log`) and its input."""

    def __init__(self, proc, deadline):
        self.proc, self.deadline, self.log = proc, deadline, ""
        self.sel = selectors.DefaultSelector()
        self.sel.register(proc.stdout, selectors.EVENT_READ)

    def wait_for(self, patterns, start=0):
        """Reads until every regex of `patterns` matches the log from `start` on; returns the
        end of the log then. SerialError if QEMU ends or the time runs out first."""
        while not all(re.search(p, self.log[start:], re.M) for p in patterns):
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise SerialError("timed out waiting for %s" % " and ".join(
                    p for p in patterns if not re.search(p, self.log[start:], re.M)))
            if not self.sel.select(timeout=left):
                continue
            chunk = os.read(self.proc.stdout.fileno(), 65536)
            if not chunk:
                raise SerialError("QEMU ended (status %s)" % self.proc.wait())
            self.log += chunk.decode("latin-1").replace("\r", "")
        return len(self.log)

    def type(self, text):
        self.proc.stdin.write(text.encode("latin-1"))
        self.proc.stdin.flush()


def run_commands(iso, commands, ready=READY, timeout=240, smp=1):
    """The serial output of each (text, until) of `commands`, typed once the log shows every
    `ready` regex and read until `until` (a regex) matched after it; SerialError, with the
    end of the log, if one never does within `timeout` seconds in all."""
    proc = subprocess.Popen(
        ["qemu-system-i386", "-accel", "tcg,thread=single", "-m", "256", "-smp", str(smp),
         "-display", "none", "-serial", "stdio", "-monitor", "none", "-no-reboot",
         "-cdrom", iso, "-boot", "d"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    session = Session(proc, time.monotonic() + timeout)
    try:
        at, out = session.wait_for(ready), []
        for text, until in commands:
            session.type(text)
            end = session.wait_for([until], at)
            out.append(session.log[at:end])
            at = end
        return out
    except SerialError as e:
        raise SerialError("%s; the serial log ends:\n%s" % (e, session.log[-3000:])) from None
    finally:
        proc.kill()
        proc.wait()
        session.sel.close()
