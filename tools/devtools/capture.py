"""Booting an image with the kernel recording (tools/trace, tools/profile): the image built (or
given), booted by tools/run with a word added to its kernel command line, and the trace stream
init's tracer writes captured to a file: through memory shared with QEMU's ivshmem device
(servers/tracer/trace_stream.h, struct trace_shm), which this side lays out and empties as it
fills, or, for an image whose init does not find it, QEMU's debug console."""
import mmap
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time

from tools.devtools import tracestream

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class Failed(Exception):
    pass


SHM_BYTES = 4 << 20  # the device's memory (a power of two)
SHM_DATA = 4096  # the ring's offset: the header's page first
HEAD_AT, TAIL_AT = 64, 128  # struct trace_shm's counters, a cache line each


class ShmChannel:
    """The host's end of the shared-memory channel: the file laid out as struct trace_shm, and
    pump(), which moves what init wrote since into `out` and gives the room back."""

    def __init__(self, path, out):
        st = tracestream.defines(tracestream.read_header(REPO, tracestream.STREAM_H), "TRACE_")
        self.size = SHM_BYTES - SHM_DATA
        with open(path, "wb") as f:
            f.truncate(SHM_BYTES)
            f.write(struct.pack("<4I", st["SHM_MAGIC"], st["STREAM_VERSION"], self.size,
                                SHM_DATA))
        self.file = open(path, "r+b")
        self.mem = mmap.mmap(self.file.fileno(), SHM_BYTES)
        self.out, self.tail, self.moved = out, 0, 0

    def pump(self):
        head, = struct.unpack_from("<I", self.mem, HEAD_AT)
        n = (head - self.tail) & 0xffffffff
        if n > self.size:
            raise Failed("the trace channel's head (%d) is %d bytes past its tail: not what "
                         "init writes" % (head, n))
        at = self.tail % self.size
        first = min(n, self.size - at)
        self.out.write(self.mem[SHM_DATA + at:SHM_DATA + at + first])
        self.out.write(self.mem[SHM_DATA:SHM_DATA + n - first])
        self.tail = (self.tail + n) & 0xffffffff
        struct.pack_into("<I", self.mem, TAIL_AT, self.tail)
        self.moved += n
        return n

    def close(self):
        self.mem.close()
        self.file.close()


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
    `seconds`, the trace stream written to `stream_path`; returns (the serial log, the channel
    it came through: "shared memory" or "debug console"). The stream
    comes through the shared memory, moved out every 10 ms while QEMU runs (the guest's ring
    is 4 MiB: it waits for room, never loses), or through the debug console if init did not
    take the shared memory."""
    tmp = os.path.dirname(stream_path)
    shm_path, console = os.path.join(tmp, "trace.shm"), os.path.join(tmp, "debugcon.bin")
    with tempfile.TemporaryFile(mode="w+b") as log, open(stream_path, "wb") as out:
        channel = ShmChannel(shm_path, out)
        proc = subprocess.Popen(
            [os.path.join(REPO, "tools", "run"), "--iso", os.path.abspath(iso), "--cmdline",
             word, "--debugcon", console, "--ivshmem", shm_path, "--timeout", str(seconds),
             "--smp", str(cpus)], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.PIPE)
        try:
            while proc.poll() is None:
                if channel.pump() == 0:
                    time.sleep(0.01)  # the data pump's pace, not a wait for an event
            channel.pump()
        finally:
            if proc.poll() is None:
                proc.terminate()
            stderr = proc.communicate()[1]
            channel.close()
            os.unlink(shm_path)
        log.seek(0)
        serial = log.read().decode("utf-8", "replace")
    how = "shared memory"
    if channel.moved == 0 and os.path.exists(console):
        shutil.copyfile(console, stream_path)
        how = "debug console"
    # 124: the time ran out, as it does for a system that keeps running; 0 and 1: the image's
    # init ended (or the kernel stopped) before that.
    if proc.returncode not in (0, 1, 124):
        raise Failed("booting %s failed (tools/run status %d): %s\n--- serial:\n%s" % (
            iso, proc.returncode, stderr.decode(errors="replace").strip(), serial[-2000:]))
    return serial, how


def boot(args, tmp, word):
    """The capture's path: args.iso or args.image booted for args.seconds on args.smp CPUs
    (args.save_stream: a copy kept)."""
    if subprocess.run([os.path.join(REPO, "tools", "deps")]).returncode != 0:
        raise Failed("tools/deps could not install what booting needs")
    iso = args.iso or build_iso(args.image)
    stream_path = os.path.join(tmp, "stream.bin")
    serial, how = capture(iso, args.seconds, args.smp, stream_path, word)
    if not os.path.exists(stream_path) or os.path.getsize(stream_path) == 0:
        raise Failed("no trace stream came out in %g s: does the image "
                     "run init's tracer (servers/init/trace.c)?\n--- serial (end):\n%s" % (
                         args.seconds, serial[-2000:]))
    print("%s: the trace came through the %s" % (word, how), file=sys.stderr)
    if args.save_stream:
        shutil.copyfile(stream_path, args.save_stream)
    return stream_path
