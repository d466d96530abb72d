#!/usr/bin/python3
"""Runs QEMU for `tools/run --exit` and `tools/run --timeout`: the serial output goes to stdout
as it arrives, and QEMU is stopped when init has ended or the kernel has stopped (--exit), when
the time is up (--timeout), or when it exits by itself.

usage: run_qemu.py [--exit] [--timeout SECONDS] [--cmdline WORDS] -- QEMU_COMMAND...
       run_qemu.py --remaster ISO OUT WORDS

--remaster writes OUT, the image ISO remade with WORDS added to its kernel command line: the
kernel and modules are taken out of ISO (xorriso) and put together again by the same script
that built it (tools/rules/mkimage.sh), in the same order under the same names. --cmdline
(tools/run --cmdline) boots such a copy of the QEMU command's -cdrom ISO, made in a temporary
directory that is removed when the run is over, however it ends.

QEMU_COMMAND must send the serial console to stdout (`-serial stdio`) with no monitor there;
QEMU's stdin is /dev/null and its stderr is this script's. The kernel lines watched for, each
on a line of its own (docs/kernel.md):
  init exited: status N             init's unit ended with status N
  init killed: last thread faulted  init's last thread faulted
  kernel stopped: code C (...)      the kernel's last line before it halts or, with
                                    `debug_exit`, ends QEMU; C = 0 means success
A user program that prints such a line fools this script, as it would fool a person.

Exit status:
  0    init exited with status 0 (or the kernel stopped with code 0)
  1    init exited with another status or was killed; the kernel stopped with another code
       (panic, exception, failed boot test); or the guest reset (triple fault)
  124  --timeout ran out
  125  QEMU could not start or failed
  128+N  stopped by signal N (130: Ctrl-C)
A summary line on stderr says which.
"""
import argparse
import ctypes
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time

EXIT_OK = 0
EXIT_GUEST_FAILED = 1
EXIT_TIMEOUT = 124
EXIT_QEMU_FAILED = 125

INIT_EXITED = re.compile(r"^init exited: status (-?\d+)$")
INIT_KILLED = re.compile(r"^init killed: last thread faulted$")
KERNEL_STOPPED = re.compile(r"^kernel stopped: code (\d+)\b")
NO_MODULES = re.compile(r"^modules: 0$")

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class Stopped(Exception):
    """A stop signal arrived (Ctrl-C, kill, the terminal closed)."""

    def __init__(self, signum):
        super().__init__(signum)
        self.signum = signum


def say(message):
    print("tools/run: " + message, file=sys.stderr, flush=True)


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="run_qemu.py", description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--exit", action="store_true",
                   help="stop when init has ended or the kernel has stopped")
    p.add_argument("--timeout", type=float, metavar="SECONDS",
                   help="stop QEMU after this many seconds and exit with 124")
    p.add_argument("--cmdline", metavar="WORDS",
                   help="boot a copy of the -cdrom ISO with WORDS added to its kernel command "
                        "line (removed at the end)")
    p.add_argument("--remaster", nargs=3, metavar=("ISO", "OUT", "WORDS"),
                   help="write OUT: ISO with WORDS added to its kernel command line, and exit")
    p.add_argument("command", nargs=argparse.REMAINDER, help="-- then the QEMU command")
    args = p.parse_args(argv)
    if args.command[:1] == ["--"]:
        args.command = args.command[1:]
    if not args.command and not args.remaster:
        p.error("no QEMU command given")
    if args.timeout is not None and not args.timeout > 0:
        p.error("--timeout must be a positive number of seconds")
    return args


class Watcher:
    """Splits the serial output into lines and tells when one of them ends the run.

    feed() returns None to go on, or (status, message) when the run is over: with `exit_early`
    (--exit) at init's end or the kernel's stop line; otherwise never, but what was seen still
    decides the status once QEMU exits by itself (a `debug_exit` image).
    """

    def __init__(self, exit_early):
        self.exit_early = exit_early
        self.pending = b""
        self.init_end = None  # (status, message) once init has ended
        self.stop_code = None

    def feed(self, chunk):
        self.pending += chunk
        *lines, self.pending = self.pending.split(b"\n")
        for raw in lines:
            outcome = self.line(raw.decode("utf-8", "replace").replace("\r", ""))
            if outcome is not None and self.exit_early:
                return outcome
        return None

    def line(self, text):
        """The outcome if this line ends the guest's work, else None."""
        m = INIT_EXITED.search(text)
        if m:
            status = int(m.group(1))
            self.init_end = (EXIT_OK if status == 0 else EXIT_GUEST_FAILED,
                             "init exited with status %d" % status)
            return self.init_end
        if INIT_KILLED.search(text):
            self.init_end = (EXIT_GUEST_FAILED, "init was killed: its last thread faulted")
            return self.init_end
        m = KERNEL_STOPPED.search(text)
        if m:
            self.stop_code = int(m.group(1))
            return self.kernel_stopped()
        if NO_MODULES.search(text) and self.exit_early:
            say("this image has no init (no modules): --exit waits for --timeout or Ctrl-C")
        return None

    def kernel_stopped(self):
        status = EXIT_OK if self.stop_code == 0 else EXIT_GUEST_FAILED
        message = "the kernel stopped with code %d" % self.stop_code
        if self.init_end is not None:  # init's end is what stopped it (`debug_exit`)
            status, message = self.init_end[0], self.init_end[1] + "; " + message
        return status, message

    def qemu_exited(self, status):
        """The outcome when QEMU has exited by itself with `status`."""
        if self.stop_code is not None:
            return self.kernel_stopped()
        if self.init_end is not None:
            return self.init_end
        if status == 0:
            return (EXIT_GUEST_FAILED, "QEMU exited before the kernel stopped (a guest reset "
                    "such as a triple fault, or the window was closed)")
        if status < 0:
            return EXIT_QEMU_FAILED, "QEMU was killed by signal %d" % -status
        return EXIT_QEMU_FAILED, "QEMU failed with status %d" % status


def die_with_parent():
    """Runs in the QEMU child before exec: the kernel kills QEMU if this script dies, even by
    SIGKILL, so no QEMU is ever left running."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def watch(proc, watcher, deadline, timeout):
    """Copies QEMU's output to stdout until the run is over; returns (status, message)."""
    fd = proc.stdout.fileno()
    sel = selectors.DefaultSelector()
    sel.register(fd, selectors.EVENT_READ)
    while True:
        wait = None if deadline is None else deadline - time.monotonic()
        if wait is not None and wait <= 0:
            return EXIT_TIMEOUT, "timed out after %g s" % timeout
        if not sel.select(wait):
            continue  # woke for the deadline: checked above
        chunk = os.read(fd, 65536)
        if not chunk:  # QEMU closed its output: it has exited
            return watcher.qemu_exited(proc.wait())
        sys.stdout.buffer.write(chunk)
        sys.stdout.buffer.flush()
        outcome = watcher.feed(chunk)
        if outcome is not None:
            return outcome


def stop_qemu(proc):
    """Ends QEMU at once. Nothing is lost: the guest has only a read-only CD, and QEMU's stdin
    is not a terminal, so no terminal mode needs restoring (SIGTERM would only add a line)."""
    if proc.poll() is None:
        proc.kill()
    proc.wait()


MULTIBOOT_LINE = re.compile(r"^[ \t]*multiboot[ \t]+(\S+)[ \t]*(.*?)[ \t]*$", re.M)
MODULE_LINE = re.compile(r"^[ \t]*module[ \t]+(\S+)[ \t]+(\S+)[ \t]*$", re.M)
MKIMAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rules", "mkimage.sh")


def remaster(iso, out, words):
    """Writes `out`: the boot image `iso` with `words` added to its kernel command line."""
    tmp = tempfile.mkdtemp(prefix="keel-remaster-")
    try:
        subprocess.run(["xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/boot",
                        os.path.join(tmp, "boot")], check=True, stdin=subprocess.DEVNULL,
                       capture_output=True)
        with open(os.path.join(tmp, "boot", "grub", "grub.cfg")) as f:
            cfg = f.read()
        kernel = MULTIBOOT_LINE.search(cfg)
        if kernel is None:
            raise ValueError("%s: its grub.cfg has no multiboot line" % iso)
        cmdline = (kernel.group(2) + " " + words).strip()
        args = [out, os.path.join(tmp, kernel.group(1).lstrip("/")), cmdline]
        for path, name in MODULE_LINE.findall(cfg):
            args += [os.path.join(tmp, path.lstrip("/")), name]
        subprocess.run([MKIMAGE] + args, check=True, stdin=subprocess.DEVNULL)
    finally:
        subprocess.run(["chmod", "-R", "u+w", tmp], check=False)  # the ISO's files are r-x
        shutil.rmtree(tmp, ignore_errors=True)


def on_signal(signum, frame):
    raise Stopped(signum)


def main(argv):
    args = parse_args(argv)
    if args.remaster:
        return remaster_status(*args.remaster)
    for s in STOP_SIGNALS:
        signal.signal(s, on_signal)
    if args.cmdline is None:
        return run(args)
    tmp = tempfile.mkdtemp(prefix="keel-run-")
    try:  # QEMU boots a copy with the words added, removed at the end whatever happens
        if "-cdrom" not in args.command[:-1]:
            say("--cmdline needs the QEMU command's -cdrom ISO")
            return EXIT_QEMU_FAILED
        at = args.command.index("-cdrom") + 1
        status = remaster_status(args.command[at], os.path.join(tmp, "image.iso"),
                                 args.cmdline)
        if status != EXIT_OK:
            return status
        args.command[at] = os.path.join(tmp, "image.iso")
        return run(args)
    except Stopped as s:
        return 128 + s.signum
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def remaster_status(iso, out, words):
    try:
        remaster(iso, out, words)
    except (OSError, ValueError, subprocess.CalledProcessError) as e:
        say("cannot add '%s' to the command line of %s: %s%s" % (
            words, iso, e, (": " + e.stderr.decode(errors="replace"))
            if getattr(e, "stderr", None) else ""))
        return EXIT_QEMU_FAILED
    return EXIT_OK


def run(args):
    """Runs QEMU until the run is over; its exit status."""
    deadline = None if args.timeout is None else time.monotonic() + args.timeout
    try:
        # A session of its own: Ctrl-C reaches this script only, which then stops QEMU.
        proc = subprocess.Popen(args.command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                start_new_session=True, preexec_fn=die_with_parent)
    except OSError as e:
        say("cannot start %s: %s" % (args.command[0], e))
        return EXIT_QEMU_FAILED
    try:
        status, message = watch(proc, Watcher(args.exit), deadline, args.timeout)
    except Stopped as s:
        status, message = 128 + s.signum, "stopped by %s" % signal.Signals(s.signum).name
    except BrokenPipeError:  # e.g. `tools/run --exit | head`: nobody reads stdout any more
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        status, message = 128 + signal.SIGPIPE, "stdout was closed"
    for s in STOP_SIGNALS:  # the run is over: a second Ctrl-C must not interrupt the cleanup
        signal.signal(s, signal.SIG_IGN)
    stop_qemu(proc)
    say("%s (exit status %d)" % (message, status))
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
