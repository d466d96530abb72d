"""The trace stream the tracer writes to QEMU's debug console (servers/tracer/trace_stream.h):
blocks of one CPU's kernel trace events (struct keel_trace_event, <keel/abi.h>), read back here
without trusting it: a corrupt region is skipped up to the next block magic at a 32-byte
boundary, an incomplete final block is dropped and counted, and each CPU's `dropped` count is
followed so lost events are shown where they were lost. Every number (the magic, the version,
the event types and their names, the syscall numbers) is read from those two headers of the
checkout at run time, so this reader never disagrees with the kernel it was built with."""
import collections
import os
import re
import struct

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ABI_H = os.path.join("kernel", "abi", "include", "keel", "abi.h")
STREAM_H = os.path.join("servers", "tracer", "trace_stream.h")

BLOCK = struct.Struct("<IHHIIQII")  # struct trace_block
EVENT = struct.Struct("<QHHI4I")  # struct keel_trace_event
assert BLOCK.size == EVENT.size == 32

Block = collections.namedtuple("Block", "offset magic version cpu count dropped cycle_hz seq")
Event = collections.namedtuple("Event", "tsc type cpu thread args")


class TraceError(Exception):
    pass


def defines(text, prefix):
    """{NAME: value} of every `#define PREFIXNAME number` (decimal, hex, negative in
    parentheses, with a u suffix or not) in a C header's text."""
    out = {}
    pattern = r"^\s*#define\s+%s([A-Za-z0-9_]+)\s+\(?(-?(?:0x[0-9a-fA-F]+|\d+))[uU]?\)?(?:\s|$)"
    for m in re.finditer(pattern % re.escape(prefix), text, re.M):
        out[m.group(1)] = int(m.group(2), 0)
    return out


def read_header(root, rel):
    path = os.path.join(root, rel)
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError as err:
        raise TraceError("cannot read %s: %s" % (path, err.strerror)) from None


class Abi:
    """The numbers of <keel/abi.h> and trace_stream.h that the stream is made of."""

    def __init__(self, root=REPO):
        abi = read_header(root, ABI_H)
        stream = read_header(root, STREAM_H)
        sys_ = defines(abi, "SYS_")
        sys_.pop("COUNT", None)
        self.syscall = {v: k.lower() for k, v in sys_.items()}
        self.sys_number = sys_
        ev = defines(abi, "TRACE_EV_")
        ev.pop("COUNT", None)
        self.ev = ev  # {"SYSCALL": 2, ...}
        self.ev_name = {v: k for k, v in ev.items()}
        self.switch_why = {v: k.lower() for k, v in defines(abi, "TRACE_SWITCH_").items()}
        self.wait_why = self.waits(root, abi)
        self.unit_how = {v: k.lower() for k, v in defines(abi, "UNIT_").items()
                         if "_" not in k}  # UNIT_RUNNING, _EXITED, _FAULTED, _KILLED
        self.err = {v: "ERR_" + k for k, v in defines(abi, "ERR_").items()}
        st = defines(stream, "TRACE_")
        if "BLOCK_MAGIC" not in st or "STREAM_VERSION" not in st:
            raise TraceError("%s defines no TRACE_BLOCK_MAGIC or TRACE_STREAM_VERSION" %
                             STREAM_H)
        self.magic = st["BLOCK_MAGIC"]
        self.version = st["STREAM_VERSION"]
        if not self.syscall or not ev:
            raise TraceError("%s defines no SYS_* or TRACE_EV_* numbers" % ABI_H)


    @staticmethod
    def waits(root, abi):
        """{number: name} of what a blocked thread waits for (a switch's why >> 8): the ABI's
        TRACE_WAIT_*."""
        waits = defines(abi, "TRACE_WAIT_")
        if not waits:
            raise TraceError("%s defines no TRACE_WAIT_* numbers" % ABI_H)
        return {v: k.lower() for k, v in waits.items()}


class Stream:
    """A stream read back: `events` {cpu: [Event in recording order]}, `drops` [(cpu, events
    lost, that CPU's total, the event before the loss or None)], `warnings` (text), and the
    counts of what could not be used."""

    def __init__(self):
        self.events = {}
        self.drops = []
        self.warnings = []
        self.blocks = 0
        self.cycle_hz = None
        self.lost_incomplete = 0
        self.lost_corrupt = 0  # events a block announced that a corrupt region replaced
        self.skipped_bytes = 0
        self.corrupt_regions = 0
        self.dropped = {}  # {cpu: its `dropped` in the last block read}


def is_header(data, off, abi):
    magic, version = struct.unpack_from("<IH", data, off)
    return magic == abi.magic and version == abi.version


def next_header(data, start, abi):
    """The offset of the next block header at a 32-byte boundary from `start`, or None."""
    off = (start + 31) // 32 * 32
    while off + BLOCK.size <= len(data):
        if is_header(data, off, abi):
            return off
        off += 32
    return None


def read_events(data, block, abi):
    """(the events of `block`, where it stopped, why): why is None for a whole block, 'cut'
    when the data ends inside it, 'header' when a block header comes before `count` events,
    'bad' at an event that cannot be one (unknown type, another CPU's)."""
    events = []
    off = block.offset + BLOCK.size
    for _ in range(block.count):
        if off + EVENT.size > len(data):
            return events, off, "cut"
        if is_header(data, off, abi):
            return events, off, "header"
        tsc, typ, cpu, thread, a0, a1, a2, a3 = EVENT.unpack_from(data, off)
        if typ not in abi.ev_name or cpu != block.cpu:
            return events, off, "bad"
        events.append(Event(tsc, typ, cpu, thread, (a0, a1, a2, a3)))
        off += EVENT.size
    return events, off, None


def resync(stream, data, off, what, abi):
    """Warns about a corrupt region starting at `off` and returns where reading goes on."""
    nxt = next_header(data, off + 1, abi)
    end = len(data) if nxt is None else nxt
    stream.skipped_bytes += end - off
    stream.corrupt_regions += 1
    where = ("resynchronised at byte offset %d" % nxt if nxt is not None
             else "no block follows")
    stream.warnings.append("byte offset %d: %s (corrupt stream): %d bytes skipped, %s" % (
        off, what, end - off, where))
    return end


def take_block(stream, block, events):
    """Adds a block's events and notes a growing `dropped` count."""
    cpu_events = stream.events.setdefault(block.cpu, [])
    before = stream.dropped.get(block.cpu, 0)
    if stream.cycle_hz is None:
        stream.cycle_hz = block.cycle_hz
    elif block.cycle_hz != stream.cycle_hz:
        stream.warnings.append("byte offset %d: block of CPU %d says cycle_hz %d, the first "
                               "said %d (the first is used)" % (
                                   block.offset, block.cpu, block.cycle_hz, stream.cycle_hz))
    cpu_events.extend(events)
    if block.dropped > before:
        # The ring was full after the last event the reader took: the loss follows it.
        stream.drops.append((block.cpu, block.dropped - before, block.dropped,
                             cpu_events[-1] if cpu_events else None))
    elif block.dropped < before:
        stream.warnings.append("byte offset %d: CPU %d's dropped count went back from %d to %d"
                               % (block.offset, block.cpu, before, block.dropped))
    stream.dropped[block.cpu] = max(before, block.dropped)
    stream.blocks += 1


def unit_name(words):
    """A unit's name from TRACE_EV_UNIT_START's name words (its first 12 bytes, NUL-padded);
    "" when it has none."""
    raw = b"".join(w.to_bytes(4, "little") for w in words)
    return raw.split(b"\0", 1)[0].decode("utf-8", "replace")


def read_stream(data, abi):
    """The Stream of a capture's bytes."""
    stream = Stream()
    off, seq = 0, None
    while off < len(data):
        if len(data) - off < BLOCK.size:
            stream.warnings.append("byte offset %d: the capture ends with %d bytes, less than "
                                   "a block header (ignored)" % (off, len(data) - off))
            stream.skipped_bytes += len(data) - off
            break
        if not is_header(data, off, abi):
            off = resync(stream, data, off, "no block header here", abi)
            continue
        block = Block(off, *BLOCK.unpack_from(data, off)[:7])
        if seq is not None and block.seq != seq:
            stream.warnings.append("byte offset %d: block seq %d follows %d: %d blocks missing"
                                   % (off, block.seq, seq - 1, block.seq - seq))
        seq = block.seq + 1
        events, end, why = read_events(data, block, abi)
        if why == "cut":
            stream.lost_incomplete += block.count
            stream.warnings.append(
                "byte offset %d: incomplete final block (CPU %d, seq %d): %d of its %d events "
                "were captured; the block is dropped: %d events lost" % (
                    off, block.cpu, block.seq, len(events), block.count, block.count))
            break
        take_block(stream, block, events)
        if why is not None:
            stream.lost_corrupt += block.count - len(events)
        if why == "header":
            stream.warnings.append("byte offset %d: block of CPU %d (seq %d) says %d events but "
                                   "the next block begins after %d" % (
                                       off, block.cpu, block.seq, block.count, len(events)))
        elif why == "bad":
            end = resync(stream, data, end, "event %d of the block at byte offset %d (CPU %d) "
                         "is not an event" % (len(events), off, block.cpu), abi)
        off = end
    return stream
