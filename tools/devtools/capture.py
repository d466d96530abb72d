"""Booting an image with the kernel recording (tools/trace, tools/profile): the image built (or
given), booted by tools/run with a word added to its kernel command line and QEMU's debug
console, where init's tracer writes the trace stream, captured to a file."""
import os
import shutil
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Failed(Exception):
    pass


def build_iso(label):
    """The ISO of a boot image target, built now."""
    r = subprocess.run(["bazel", "build", label], cwd=REPO, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stdout + r.stderr)
        raise Failed("building %s failed" % label)
    bin_dir = subprocess.run(["bazel", "info", "bazel-bin"], cwd=REPO, capture_output=True,
                             text=True).stdout.strip()
    pkg, _, name = label.lstrip("/").partition(":")
    return os.path.join(bin_dir, pkg, (name or os.path.basename(pkg)) + ".iso")


def capture(iso, seconds, cpus, stream_path, word):
    """Boots `iso` with `word` (`trace`, `profile`) added to the kernel command line for
    `seconds`, the debug console written to `stream_path`; returns the serial log."""
    with tempfile.TemporaryFile(mode="w+b") as log:
        r = subprocess.run(
            [os.path.join(REPO, "tools", "run"), "--iso", os.path.abspath(iso), "--cmdline",
             word, "--debugcon", stream_path, "--timeout", str(seconds), "--smp", str(cpus)],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.PIPE)
        log.seek(0)
        serial = log.read().decode("utf-8", "replace")
    # 124: the time ran out, as it does for a system that keeps running; 0 and 1: the image's
    # init ended (or the kernel stopped) before that.
    if r.returncode not in (0, 1, 124):
        raise Failed("booting %s failed (tools/run status %d): %s\n--- serial:\n%s" % (
            iso, r.returncode, r.stderr.decode(errors="replace").strip(), serial[-2000:]))
    return serial


def boot(args, tmp, word):
    """The capture's path: args.iso or args.image booted for args.seconds on args.smp CPUs
    (args.save_stream: a copy kept)."""
    if subprocess.run([os.path.join(REPO, "tools", "deps")]).returncode != 0:
        raise Failed("tools/deps could not install what booting needs")
    iso = args.iso or build_iso(args.image)
    stream_path = os.path.join(tmp, "stream.bin")
    serial = capture(iso, args.seconds, args.smp, stream_path, word)
    if not os.path.exists(stream_path) or os.path.getsize(stream_path) == 0:
        raise Failed("no trace stream came out of the debug console in %g s: does the image "
                     "run init's tracer (servers/init/trace.c)?\n--- serial (end):\n%s" % (
                         args.seconds, serial[-2000:]))
    if args.save_stream:
        shutil.copyfile(stream_path, args.save_stream)
    return stream_path
