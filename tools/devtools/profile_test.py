"""tools/profile's reading of samples (docs/tools.md, "Profiler"): a stream built with
struct.pack as init's tracer writes it, the numbers from <keel/abi.h>: a unit and its thread
started, user samples of three to six frames (a TRACE_EV_SAMPLE and a TRACE_EV_SAMPLE_MORE),
an idle sample in the kernel, and a sample whose continuation a full ring lost. The names come
from a stand-in for the ELFs (fixed symbol tables and prologues), so what is checked here is the
assembly of samples, the naming rules (return addresses by their call, a leaf's return address
taken from the top of its stack only when its function has no frame, kernel addresses through
the kernel's symbols, a unit found by its name's first 12 bytes), the folded stacks and the
table.
The real ELFs are the live test's (profile_live_test.py)."""
import os
import struct
import sys
import unittest

sys.dont_write_bytecode = True
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tools.devtools import profile, tracestream  # noqa: E402

ABI = tracestream.Abi(REPO)
EV = ABI.ev
KERNEL = tracestream.defines(tracestream.read_header(REPO, tracestream.ABI_H),
                             "TRACE_SAMPLE_")["KERNEL"]
UNIT, THREAD = 0x10001, 0x10005
# What the stand-in ELFs hold: {address: name}, each function 0x100 bytes long.
USER = {0x400000: "_start", 0x400100: "main", 0x400200: "hot_function", 0x400300: "cold"}
KERN = {0xc0100000: "kmain", 0xc0100100: "idle_loop", 0xc0100200: "arch_wait_for_interrupt"}


FRAMED = {0x400100, 0x400300}  # main and cold begin with push %ebp; mov %esp, %ebp


class FakeProgram:
    """elfsyms.Program's function() and code() over a fixed table (the path names which):
    functions 0x100 bytes each, those in FRAMED with gcc's prologue."""

    def __init__(self, path):
        table = KERN if path == "kernel.elf" else USER
        self.addrs = sorted(table)
        self.names = [table[a] for a in self.addrs]

    def code(self, addr, n):
        if not self.addrs[0] <= addr < self.addrs[-1] + 0x100:
            return None
        return profile.PROLOGUE if addr in FRAMED else b"\x90" * n

    def function(self, addr):
        best = max((a for a in self.addrs if a <= addr), default=None)
        return (self.names[self.addrs.index(best)], best) if best is not None else (None, None)


def ev(cpu, thread, kind, *args):
    args = (list(args) + [0, 0, 0, 0])[:4]
    return struct.pack("<QHHI4I", 1000, EV[kind], cpu, thread, *args)


def block(cpu, seq, events):
    return struct.pack("<IHHIIQII", ABI.magic, ABI.version, cpu, len(events), 0, 10**9, seq,
                       0) + b"".join(events)


def name_words(name):
    return struct.unpack("<3I", name.encode()[:12].ljust(12, b"\0"))


def stream():
    # hot_function is a leaf without a frame: the word on top of the stack (into main) is its
    # return address; the frame chain then gives main's caller
    hot = [ev(0, THREAD, "SAMPLE", 3, 0x400210, 0x400185, 0x400010)] * 9
    # cold has made its frame: the top word (an address in the code all the same) is not a
    # return address; cold called from hot_function, called by main's last instruction (its
    # return address is hot_function's first byte), called from _start; two frames in a MORE
    deep = [ev(0, THREAD, "SAMPLE", 5, 0x400310, 0x400299, 0x400220),
            ev(0, THREAD, "SAMPLE_MORE", 0x400200, 0x400010, 0, 0)]
    # at cold's first byte its frame is not made yet: the top word is the return address
    entry = [ev(0, THREAD, "SAMPLE", 3, 0x400300, 0x400230, 0x400185)]
    # a leaf whose top word is no code address: no frame taken from it
    wild = [ev(0, THREAD, "SAMPLE", 3, 0x400210, 0xdeadbeef, 0x400010)]
    return block(0, 0, [
        ev(0, 0, "UNIT_START", UNIT, *name_words("profile_image_init")),
        ev(0, 0, "THREAD_START", THREAD, UNIT, 50),
        ev(0, THREAD, "SWITCH", THREAD, 0, 3, 0),  # not a sample: ends none
    ] + hot + deep + entry + wild + [
        ev(0, 0, "SAMPLE", 3 | KERNEL, 0xc0100210, 0xc0100180, 0xc0100010),  # idle
        ev(0, THREAD, "SAMPLE", 7, 0x400210, 0x400185, 0x400010),  # its MOREs were lost
        ev(0, THREAD, "SYSCALL", 1, 0, 0, 0),
    ])


class Samples(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        profile.Program = FakeProgram
        cls.stacks, cls.samples, cls.warnings = profile.profile(
            stream(), kernel_elf="kernel.elf",
            programs={"profile_image_init": "init.elf", "other": "other.elf"}, root=REPO)

    def test_samples_assembled(self):
        s = self.samples
        self.assertEqual(len(s.samples), 14)
        self.assertEqual(s.truncated, 1)
        deep = s.samples[9]
        self.assertEqual(deep.frames, [0x400310, 0x400299, 0x400220, 0x400200, 0x400010])
        self.assertFalse(deep.kernel)
        self.assertTrue(s.samples[12].kernel)
        self.assertEqual(s.samples[12].thread, 0)
        self.assertEqual(s.samples[13].frames, [0x400210, 0x400185, 0x400010])
        self.assertEqual(s.unit_name(THREAD), "profile_imag")  # the trace keeps 12 bytes
        self.assertEqual(s.unit_name(0), "idle")
        self.assertEqual(s.unit_name(0x999), "thread 2457")
        self.assertEqual(self.warnings, [])

    def test_folded_stacks(self):
        self.assertEqual(self.stacks, {
            # the unit's full module name; eip by itself, return addresses by their call
            "profile_image_init;_start;main;hot_function": 10,
            "profile_image_init;_start;main;hot_function;cold": 1,
            "profile_image_init;main;hot_function;cold": 1,
            "profile_image_init;_start;hot_function": 1,
            "idle;[kernel];kmain;idle_loop;arch_wait_for_interrupt": 1,
        })

    def test_top_table(self):
        rows = profile.top(self.stacks, 3)
        self.assertEqual(rows[0][:1] + rows[0][2:], (11, "hot_function", "profile_image_init"))
        self.assertAlmostEqual(rows[0][1], 11 / 14)
        self.assertEqual(rows[1][:1] + rows[1][2:], (2, "cold", "profile_image_init"))
        self.assertEqual(rows[2][:1] + rows[2][2:], (1, "arch_wait_for_interrupt", "idle"))
        text = profile.table(rows).splitlines()
        self.assertEqual(text[0].split(), ["SAMPLES", "SHARE", "FUNCTION", "UNIT"])
        self.assertRegex(text[1], r"^\s+11\s+78\.6%\s+hot_function\s+profile_image_init$")

    def test_tracer_apart(self):
        stacks = dict(self.stacks)
        stacks["profile_image_init;_start;main;init_trace_drain"] = 5
        rest, tracer = profile.split_tracer(stacks)
        self.assertEqual(tracer, 5)
        self.assertEqual(rest, self.stacks)

    def test_no_samples(self):
        with self.assertRaisesRegex(profile.ProfileError, "`profile` on its kernel command"):
            profile.profile(block(0, 0, [ev(0, 1, "SYSCALL", 1)]), kernel_elf="kernel.elf",
                            programs={}, root=REPO)


if __name__ == "__main__":
    unittest.main()
