#!/usr/bin/python3
"""Runs `tools/run --iso ISO OPTIONS...` as a user's script would and judges what it did: its
exit status, its stdout (the serial output; each --expect regex must match a line, in order)
and its stderr (each --stderr regex must match a line, in any order).

With --signal-after REGEX, the signal --signal is sent once a stdout line matches (to tools/run
alone, or with --to-group to its whole process group, as Ctrl-C on a terminal does). Seeing a
line before tools/run has ended is what shows that output streams as it arrives.

tools/run must leave no QEMU behind: QEMU shares tools/run's stderr, so reading stderr to its
end returns only once QEMU has exited too. A hang is caught by the test's own timeout.
"""
import argparse
import os
import re
import signal
import subprocess
import sys


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--run", required=True, help="the tools/run script")
    p.add_argument("--iso", required=True)
    p.add_argument("--status", type=int, required=True, help="tools/run's exit status")
    p.add_argument("--expect", action="append", default=[], help="stdout regex, in order")
    p.add_argument("--stderr", action="append", default=[], help="stderr regex")
    p.add_argument("--signal-after", help="stdout regex after which to send --signal")
    p.add_argument("--signal", default="INT", help="signal name without SIG: INT, TERM, KILL")
    p.add_argument("--to-group", action="store_true", help="signal the process group")
    p.add_argument("options", nargs=argparse.REMAINDER, help="-- then tools/run's options")
    args = p.parse_args(argv)
    if args.options[:1] == ["--"]:
        args.options = args.options[1:]
    return args


def send_signal(proc, name, to_group):
    sig = getattr(signal, "SIG" + name)
    if to_group:
        os.killpg(proc.pid, sig)
    else:
        proc.send_signal(sig)


def run(args):
    """Runs tools/run; returns (status, stdout lines, stderr lines, errors)."""
    cmd = [os.path.abspath(args.run), "--iso", os.path.abspath(args.iso)] + args.options
    print("$ " + " ".join(cmd), flush=True)
    expect = [re.compile(e) for e in args.expect]
    trigger = re.compile(args.signal_after) if args.signal_after else None
    errors, lines, matched, signalled = [], [], 0, False
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, start_new_session=True)
    for raw in proc.stdout:  # line by line, as tools/run writes them
        text = raw.decode("utf-8", "replace").replace("\r", "").rstrip("\n")
        lines.append(text)
        print(text, flush=True)
        if matched < len(expect) and expect[matched].search(text):
            matched += 1
        if trigger and not signalled and trigger.search(text):
            signalled = True
            send_signal(proc, args.signal, args.to_group)
    err = proc.stderr.read().decode("utf-8", "replace").splitlines()
    status = proc.wait()
    if matched < len(expect):
        errors.append("stdout: not seen (in order): %s"
                      % ", ".join(repr(e.pattern) for e in expect[matched:]))
    if trigger and not signalled:
        errors.append("stdout: %r never matched, no signal sent" % args.signal_after)
    for e in args.stderr:
        if not any(re.search(e, line) for line in err):
            errors.append("stderr: no line matches %r" % e)
    if status != args.status:
        errors.append("exit status %d, expected %d" % (status, args.status))
    return status, lines, err, errors


def main(argv):
    args = parse_args(argv)
    status, _, err, errors = run(args)
    print("---- stderr ----")
    print("\n".join(err))
    print("---- exit status %d ----" % status)
    if errors:
        for e in errors:
            print("FAIL: " + e)
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
