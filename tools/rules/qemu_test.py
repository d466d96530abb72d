#!/usr/bin/python3
"""Boots a Keel image in QEMU (TCG) and judges it by its serial output and exit status.

Each --expect regex must match a serial line, in the given order; no --forbid regex may match
any line. With --exit-code the guest must end QEMU through isa-debug-exit with that code (the
guest writes c to port 0xf4; QEMU exits with 2c+1); otherwise QEMU is stopped once every
expectation matched. A triple fault resets the guest, which -no-reboot turns into exit 0: never
a valid guest exit code, so it fails the test. On failure the whole serial log is printed.
"""
import argparse
import os
import re
import selectors
import subprocess
import sys
import time


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--iso", required=True)
    p.add_argument("--expect", action="append", default=[], help="regex, in order")
    p.add_argument("--forbid", action="append", default=[], help="regex that must not appear")
    p.add_argument("--exit-code", type=int, help="guest exit code expected (isa-debug-exit)")
    p.add_argument("--timeout", type=float, default=60.0, help="seconds before giving up")
    p.add_argument("--memory", default="128")
    p.add_argument("--qemu-arg", action="append", default=[])
    return p.parse_args(argv)


def qemu_command(args):
    return [
        "qemu-system-i386", "-accel", "tcg", "-m", args.memory,
        "-cdrom", args.iso, "-boot", "d",
        "-display", "none", "-serial", "stdio", "-monitor", "none",
        "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
    ] + args.qemu_arg


class Judge:
    """Matches serial lines against the ordered expectations and the forbidden patterns."""

    def __init__(self, expect, forbid):
        self.expect = [re.compile(e) for e in expect]
        self.forbid = [re.compile(f) for f in forbid]
        self.next = 0
        self.errors = []

    def line(self, text):
        for f in self.forbid:
            if f.search(text):
                self.errors.append("forbidden pattern %r matched: %s" % (f.pattern, text))
        if self.next < len(self.expect) and self.expect[self.next].search(text):
            self.next += 1

    def all_matched(self):
        return self.next == len(self.expect)

    def missing(self):
        return [e.pattern for e in self.expect[self.next:]]


def run(args):
    judge = Judge(args.expect, args.forbid)
    proc = subprocess.Popen(qemu_command(args), stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    sel = selectors.DefaultSelector()
    sel.register(proc.stdout, selectors.EVENT_READ)
    deadline = time.monotonic() + args.timeout
    log, pending, timed_out = [], b"", False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            break
        if not sel.select(timeout=min(left, 0.5)):
            if proc.poll() is not None:
                break
            continue
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for raw in lines:
            text = raw.decode("utf-8", "replace").replace("\r", "")
            log.append(text)
            judge.line(text)
        if args.exit_code is None and judge.all_matched():
            break
    if pending:
        text = pending.decode("utf-8", "replace")
        log.append(text)
        judge.line(text)
    if proc.poll() is None:
        proc.kill()
    status = proc.wait()
    return judge, log, status, timed_out


def verdict(args, judge, status, timed_out):
    errors = list(judge.errors)
    if not judge.all_matched():
        errors.append("expected output not seen: %s" % ", ".join(map(repr, judge.missing())))
    if args.exit_code is not None:
        want = 2 * args.exit_code + 1
        if timed_out:
            errors.append("guest did not exit within %.0f s" % args.timeout)
        elif status != want:
            how = "triple fault or reset" if status == 0 else "status %d" % status
            errors.append("QEMU exited with %s, expected %d (guest code %d)"
                          % (how, want, args.exit_code))
    elif timed_out and not judge.all_matched():
        errors.append("timed out after %.0f s" % args.timeout)
    return errors


def main(argv):
    args = parse_args(argv)
    judge, log, status, timed_out = run(args)
    errors = verdict(args, judge, status, timed_out)
    print("---- serial output ----")
    print("\n".join(log))
    if errors:
        print("---- failures ----")
        for e in errors:
            print("FAIL: " + e)
        return 1
    print("PASS: %d expectations matched" % len(args.expect))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
