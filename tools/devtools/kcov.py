"""The coverage build's counter stream (kernel/arch/x86/kcov.c) turned back into .gcda files.

A kernel built with --define=keel_kcov=1 writes, as it exits the emulator, every instrumented
object's counters on a debug console port, each as the .gcda image GCC's serializer made:

    "KCOV" u32 records, then per record: 'F' u32 n name[n], ('D' u32 n data[n])*, then "KEND"

(u32 little-endian; name is the .gcda path the compiler chose, under bazel-out/). tools/coverage
writes each record beside a copy of its .gcno so gcovr reads both.
"""
import os
import shutil
import struct

GCDA_MAGIC = b"adcg"  # "gcda" as a little-endian word


class StreamError(Exception):
    pass


def parse(data):
    """[(name, gcda bytes)] of one stream; StreamError says what is wrong and where."""
    if data[:4] != b"KCOV" or len(data) < 8:
        raise StreamError("no KCOV header (the stream starts %r): not a coverage kernel's "
                          "dump, or it never exited the emulator" % data[:8])
    (announced,) = struct.unpack_from("<I", data, 4)
    records, at = [], 8
    while data[at:at + 4] != b"KEND":
        if at + 5 > len(data):
            raise StreamError("the stream ends after %d of %d records without KEND (the "
                              "kernel stopped while it wrote them)" % (len(records), announced))
        tag, (n,) = data[at:at + 1], struct.unpack_from("<I", data, at + 1)
        body = data[at + 5:at + 5 + n]
        if len(body) != n:
            raise StreamError("frame %r at byte %d wants %d bytes, %d are left"
                              % (tag, at, n, len(body)))
        if tag == b"F":
            records.append((body.decode("utf-8", "replace"), bytearray()))
        elif tag == b"D" and records:
            records[-1][1].extend(body)
        else:
            raise StreamError("unexpected frame %r at byte %d" % (tag, at))
        at += 5 + n
    if len(records) != announced:
        raise StreamError("%d records announced, %d sent" % (announced, len(records)))
    for name, gcda in records:
        if gcda[:4] != GCDA_MAGIC:
            raise StreamError("record %s is not a .gcda (starts %r)" % (name, bytes(gcda[:4])))
    return [(name, bytes(gcda)) for name, gcda in records]


def under_bazel_out(name):
    """The part of a .gcda path from bazel-out/ on (the compiler's path is absolute and
    names the build's working directory), or None."""
    i = name.find("bazel-out/")
    return name[i:] if i >= 0 else None


def write(records, execroot, out):
    """Writes each record as out/<path below the config's bin/>.gcda with its .gcno copied
    from the build (execroot/bazel-out/...). Returns (written, [names without a .gcno])."""
    written, orphans = 0, []
    for name, gcda in records:
        rel = under_bazel_out(name)
        gcno = rel and os.path.join(execroot, rel[:-len(".gcda")] + ".gcno")
        if not gcno or not rel.endswith(".gcda") or not os.path.exists(gcno):
            orphans.append(name)
            continue
        below_bin = rel.split("/bin/", 1)[-1]
        dest = os.path.join(out, below_bin)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "wb") as f:
            f.write(gcda)
        shutil.copy(gcno, dest[:-len(".gcda")] + ".gcno")
        written += 1
    return written, orphans
