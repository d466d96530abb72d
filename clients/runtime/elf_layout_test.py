"""Checks that a user program ELF has the layout clients/runtime/user.ld promises and the
kernel's loader expects: ELF32 i386 static executable, code at 0x400000, page-aligned PT_LOAD
segments on separate pages, no segment both writable and executable, entry in the executable
segment, everything below 0xC0000000. Usage: elf_layout_test.py PROGRAM..."""

import struct
import sys
import unittest

PAGE = 0x1000
CODE_BASE = 0x400000
KERNEL_BASE = 0xC0000000
PT_LOAD = 1
PF_X, PF_W, PF_R = 1, 2, 4

PROGRAMS = []


def read_elf(path):
    """(header fields, [program headers]) of a little-endian ELF32 file."""
    with open(path, "rb") as f:
        data = f.read()
    ident = data[:16]
    (e_type, e_machine, _, e_entry, e_phoff, _, _, _, e_phentsize,
     e_phnum) = struct.unpack_from("<HHIIIIIHHH", data, 16)
    phdrs = []
    for i in range(e_phnum):
        fields = struct.unpack_from("<IIIIIIII", data, e_phoff + i * e_phentsize)
        phdrs.append(dict(zip(
            ("type", "offset", "vaddr", "paddr", "filesz", "memsz", "flags", "align"), fields)))
    return dict(ident=ident, type=e_type, machine=e_machine, entry=e_entry), phdrs


class ElfLayoutTest(unittest.TestCase):
    def check_program(self, path):
        hdr, phdrs = read_elf(path)
        self.assertEqual(hdr["ident"][:4], b"\x7fELF")
        self.assertEqual(hdr["ident"][4], 1, "not ELFCLASS32")
        self.assertEqual(hdr["type"], 2, "not ET_EXEC")
        self.assertEqual(hdr["machine"], 3, "not EM_386")
        # An empty PT_LOAD (no file bytes, no memory) maps nothing; the kernel ignores it too.
        loads = sorted((p for p in phdrs if p["type"] == PT_LOAD and (p["memsz"] or p["filesz"])),
                       key=lambda p: p["vaddr"])
        self.assertTrue(loads, "no PT_LOAD segment")
        self.assertEqual(loads[0]["vaddr"], CODE_BASE, "code does not start at 0x400000")
        prev_end = 0
        for p in loads:
            self.assertFalse(p["flags"] & PF_W and p["flags"] & PF_X, "W+X segment %r" % p)
            self.assertEqual(p["vaddr"] % PAGE, 0, "segment not page-aligned %r" % p)
            self.assertEqual(p["offset"] % PAGE, 0, "file offset not page-aligned %r" % p)
            self.assertGreaterEqual(p["vaddr"], prev_end, "segments share a page %r" % p)
            self.assertLessEqual(p["filesz"], p["memsz"])
            prev_end = (p["vaddr"] + p["memsz"] + PAGE - 1) // PAGE * PAGE
            self.assertLessEqual(prev_end, KERNEL_BASE, "segment reaches the kernel %r" % p)
        text = [p for p in loads if p["vaddr"] <= hdr["entry"] < p["vaddr"] + p["memsz"]]
        self.assertEqual(len(text), 1, "entry point outside every segment")
        self.assertEqual(text[0]["flags"], PF_R | PF_X, "entry point not in the r-x segment")

    def test_programs(self):
        self.assertTrue(PROGRAMS, "no program given")
        for path in PROGRAMS:
            with self.subTest(program=path):
                self.check_program(path)


if __name__ == "__main__":
    PROGRAMS.extend(sys.argv[1:])
    unittest.main(argv=sys.argv[:1])
