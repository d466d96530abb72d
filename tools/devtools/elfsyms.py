"""An i686 ELF's code symbols and source lines, through the i686 binutils (nm, addr2line) that
tools/deps installs: what tools/symbolize and tools/profile name addresses with."""
import bisect
import os
import struct
import subprocess

NM, ADDR2LINE = "i686-linux-gnu-nm", "i686-linux-gnu-addr2line"


class Program:
    """One ELF's code symbols (sorted) and source lines."""

    def __init__(self, path):
        self.path = path
        out = subprocess.run([NM, "-n", "--defined-only", path], capture_output=True,
                             text=True, check=True).stdout
        syms = [(int(a, 16), n) for a, t, n in (line.split(None, 2) for line in
                                                out.splitlines() if len(line.split()) == 3)
                if t in "tTwW"]
        self.addrs = [a for a, _ in syms]
        self.names = [n for _, n in syms]
        self.code_segments = self.executable_segments(path)

    @staticmethod
    def executable_segments(path):
        """[(virtual address, bytes)] of the ELF32's executable PT_LOAD segments."""
        with open(path, "rb") as f:
            data = f.read()
        if data[:5] != b"\x7fELF\x01":
            return []
        phoff, = struct.unpack_from("<I", data, 28)
        phentsize, phnum = struct.unpack_from("<HH", data, 42)
        out = []
        for i in range(phnum):
            kind, off, vaddr, _, filesz, _, flags, _ = struct.unpack_from(
                "<8I", data, phoff + i * phentsize)
            if kind == 1 and flags & 1:  # PT_LOAD, PF_X
                out.append((vaddr, data[off:off + filesz]))
        return out

    def code(self, addr, n):
        """n bytes of code at addr, or None outside the executable segments."""
        for vaddr, blob in self.code_segments:
            if vaddr <= addr and addr + n <= vaddr + len(blob):
                return blob[addr - vaddr:addr - vaddr + n]
        return None

    def function(self, addr):
        """(the name of the function at addr, its start), or (None, None) below the first."""
        i = bisect.bisect_right(self.addrs, addr) - 1
        return (self.names[i], self.addrs[i]) if i >= 0 else (None, None)

    def describe(self, addrs, line_addrs=None):
        """['function+0xoff at file:line'] for each address; the line of line_addrs' instead
        if given (a return address's call is the instruction before it)."""
        lines = subprocess.run([ADDR2LINE, "-e", self.path] +
                               ["0x%x" % a for a in (line_addrs or addrs)],
                               capture_output=True, text=True, check=True).stdout.split("\n")
        out = []
        for a, where in zip(addrs, lines):
            name, start = self.function(a)
            name = "%s+0x%x" % (name, a - start) if name else "??"
            where = where.strip()
            if where and not where.startswith("??"):
                name += " at %s" % os.path.basename(where.split(" (")[0])
            out.append(name)
        return out
