"""//tools:symbolize_test: a user fault's report, symbolized. Boots the fault image (its
programs fault on purpose) in QEMU, then runs tools/symbolize over the console log with the
nullderef program's ELF: the faulting instruction must come out as main in nullderef.c at the
line that reads address 0, and its caller as _start in crt0.S.

Usage: symbolize_test.py SYMBOLIZE FAULT_IMAGE_ISO NULLDEREF_ELF
"""
import os
import re
import subprocess
import sys
import tempfile


def main():
    symbolize, iso, elf = (os.path.abspath(a) for a in sys.argv[1:4])
    with tempfile.TemporaryDirectory() as tmp:
        log = os.path.join(tmp, "serial.log")
        subprocess.run(["qemu-system-i386", "-accel", "tcg,thread=single", "-m", "256",
                        "-display", "none", "-serial", "file:" + log, "-monitor", "none",
                        "-no-reboot", "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
                        "-cdrom", iso, "-boot", "d"], stdin=subprocess.DEVNULL,
                       capture_output=True, timeout=240)
        out = subprocess.run([sys.executable, symbolize, "--elf", "nullderef=" + elf, log],
                             capture_output=True, text=True)
    print(out.stdout[-4000:] + out.stderr)
    want = [
        r"^fault: unit nullderef thread \d+: #PF .* EIP=0x(?P<eip>[0-9a-f]{8}) .*$",
        r"^    #0 0x(?P=eip) in main\+0x[0-9a-f]+ at nullderef\.c:13$",
        r"^fault: unit nullderef thread \d+: user backtrace 0x(?P<ret>[0-9a-f]{8})$",
        r"^    #1 0x(?P=ret) in _start\+0x[0-9a-f]+ at crt0\.S:\d+$",
    ]
    ok = out.returncode == 0 and re.search("\n".join(want), out.stdout, re.M) is not None
    # Units without an ELF stay as the kernel printed them.
    ok = ok and re.search(r"^fault: unit ud .*\n(?!    #)", out.stdout, re.M) is not None
    print("symbolize_test: %s" % ("ok" if ok else "FAIL: the frames above are not as wanted"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
