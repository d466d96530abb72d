"""The kernel profiler's samples (TRACE_EV_SAMPLE and TRACE_EV_SAMPLE_MORE, <keel/abi.h>) read
from a trace stream (tracestream.py) and named through the kernel's and the programs' ELFs:
folded stacks (the collapsed format of flamegraph.pl, which speedscope opens as a flame graph)
and a top-N table of the functions the samples were taken in (docs/tools.md, "Profiler").

A sample is a CPU's timer interrupt: the thread the CPU ran (the event's thread), whether it
interrupted the kernel or user space, and the interrupted eip followed by the return addresses
up its frame-pointer chain (in user space, the word on top of the stack second: the return
address if the interrupted function has no frame, which the program's code tells). Its stack
reads, outermost first: the unit (`idle` for the idle
thread), `[kernel]` when the kernel was interrupted, then the functions. A return address is
named by the instruction before it (the call), so a call that ends a function is not charged
to the next one."""
import collections
import os
import subprocess
import tempfile

from tools.devtools import tracestream
from tools.devtools.elfsyms import Program

MEMORY_H = os.path.join("kernel", "arch", "x86", "include", "arch", "memory.h")  # KERNEL_BASE
Sample = collections.namedtuple("Sample", "cpu thread kernel frames")  # frames: innermost first


class ProfileError(Exception):
    pass


class Samples:
    """The samples of a stream, with the names of the units and threads the trace saw start.
    `truncated`: samples whose continuation events were lost (a full ring); they are kept with
    the frames that arrived."""

    def __init__(self, stream, abi):
        self.samples, self.truncated = [], 0
        self.units, self.thread_unit = {}, {}
        sample, more = abi.ev["SAMPLE"], abi.ev["SAMPLE_MORE"]
        kernel_bit = tracestream.defines(tracestream.read_header(
            tracestream.REPO, tracestream.ABI_H), "TRACE_SAMPLE_")["KERNEL"]
        for cpu, events in sorted(stream.events.items()):
            cur = None
            for e in events:
                if e.type == more and cur is not None:
                    cur[3].extend(e.args)
                    continue
                self.finish(cur)
                cur = None
                if e.type == sample:
                    n = e.args[0] & (kernel_bit - 1)
                    cur = [cpu, e.thread, bool(e.args[0] & kernel_bit), list(e.args[1:]), n]
                elif e.type == abi.ev["UNIT_START"]:
                    self.units[e.args[0]] = tracestream.unit_name(e.args[1:])
                elif e.type == abi.ev["THREAD_START"]:
                    self.thread_unit[e.args[0]] = e.args[1]
            self.finish(cur)

    def finish(self, cur):
        if cur is None:
            return
        cpu, thread, kernel, frames, n = cur
        if len(frames) < n:
            self.truncated += 1
        self.samples.append(Sample(cpu, thread, kernel, frames[:n]))

    def unit_name(self, thread):
        if thread == 0:
            return "idle"
        unit = self.thread_unit.get(thread)
        if unit is None:
            return "thread %d" % thread
        return self.units.get(unit, "unit %d" % unit)


def extract_elves(iso, into):
    """(the kernel's ELF, {module name: ELF}) taken out of a boot image ISO (xorriso)."""
    r = subprocess.run(["xorriso", "-osirrox", "on", "-indev", iso, "-extract", "/boot", into],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise ProfileError("cannot read %s: %s" % (iso, r.stderr.strip()[-500:]))
    mods = os.path.join(into, "modules")
    return (os.path.join(into, "kernel.elf"),
            {m: os.path.join(mods, m) for m in sorted(os.listdir(mods))})


class Namer:
    """Names addresses: kernel ones (at or above the kernel's base) through the kernel ELF,
    user ones through the ELF of the sample's unit, found by its name (the trace keeps a
    unit name's first 12 bytes)."""

    def __init__(self, kernel_elf, programs, root=tracestream.REPO):
        self.kernel = Program(kernel_elf)
        self.kernel_base = tracestream.defines(tracestream.read_header(root, MEMORY_H),
                                               "KERNEL_")["BASE"]
        self.paths, self.cache = programs, {}

    def module(self, unit):
        """The boot module a unit was started from: its name, or the one its first 12 bytes
        begin (None if none)."""
        if unit in self.paths:
            return unit
        return next((m for m in sorted(self.paths) if len(unit) == 12 and m.startswith(unit)),
                    None)

    def program(self, unit):
        if unit not in self.cache:
            module = self.module(unit)
            self.cache[unit] = Program(self.paths[module]) if module else None
        return self.cache[unit]

    def leaf_return(self, eip, top, unit):
        """Whether a user sample's second frame, the word on top of its stack, is the return
        address: the function at eip has not made its frame (eip at its first byte, or no
        `push %ebp; mov %esp, %ebp` there: gcc leaves it out of leaf functions), and the word
        points into the program's code."""
        prog = self.program(unit)
        fn, start = prog.function(eip) if prog else (None, None)
        if fn is None or prog.code(top - 1, 1) is None:
            return False
        return eip == start or prog.code(start, 3) != PROLOGUE

    def name(self, addr, unit, caller):
        """A function's name for addr (caller: a return address, so the call before it)."""
        prog = self.kernel if addr >= self.kernel_base else self.program(unit)
        fn, _ = prog.function(addr - 1 if caller else addr) if prog else (None, None)
        return fn or "0x%08x" % addr


def folded(samples, namer):
    """{folded stack: samples}: `unit;[kernel];outer;...;inner` as flamegraph.pl reads."""
    out = collections.Counter()
    for s in samples.samples:
        unit, frames = samples.unit_name(s.thread), s.frames
        if not s.kernel and len(frames) >= 2 and not namer.leaf_return(frames[0], frames[1],
                                                                        unit):
            frames = frames[:1] + frames[2:]
        names = [namer.name(a, unit, i > 0) for i, a in enumerate(frames)]
        label = namer.module(unit) or unit
        out[";".join([label] + (["[kernel]"] if s.kernel else []) + names[::-1])] += 1
    return out


PROLOGUE = b"\x55\x89\xe5"  # push %ebp; mov %esp, %ebp
TRACER = "init_trace_drain"  # init's copying of the trace out (servers/init/trace.c)


def split_tracer(stacks):
    """(the stacks but the tracer's, the tracer's samples): init copying the trace out to the
    debug console costs what the profile then shows; tools/profile reports it apart."""
    mine = {s: c for s, c in stacks.items() if TRACER in s.split(";")}
    return {s: c for s, c in stacks.items() if s not in mine}, sum(mine.values())


def top(stacks, n):
    """[(samples, share, function, unit)] of the n functions most samples were taken in."""
    total = sum(stacks.values()) or 1
    self_ = collections.Counter()
    for stack, count in stacks.items():
        parts = stack.split(";")
        self_[(parts[-1], parts[0])] += count
    return [(c, c / total, fn, unit) for (fn, unit), c in self_.most_common(n)]


def table(rows):
    lines = ["%8s %6s  %-36s %s" % ("SAMPLES", "SHARE", "FUNCTION", "UNIT")]
    lines += ["%8d %5.1f%%  %-36s %s" % (c, 100 * share, fn, unit) for c, share, fn, unit in rows]
    return "\n".join(lines)


def profile(data, iso=None, kernel_elf=None, programs=None, root=tracestream.REPO):
    """(folded stacks, Samples, stream warnings) of a capture's bytes, named through the ELFs
    of `iso` (or kernel_elf and programs {unit name: ELF})."""
    abi = tracestream.Abi(root)
    stream = tracestream.read_stream(data, abi)
    samples = Samples(stream, abi)
    if not samples.samples:
        raise ProfileError("the stream holds no samples: was the image booted with `profile` "
                           "on its kernel command line?")
    with tempfile.TemporaryDirectory() as tmp:
        if iso:
            kernel_elf, programs = extract_elves(iso, os.path.join(tmp, "boot"))
        return folded(samples, Namer(kernel_elf, programs or {}, root)), samples, stream.warnings
