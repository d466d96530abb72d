"""tools/trace's conversion (docs/tools.md, "Trace viewer"): a stream built here with
struct.pack the way the tracer writes it (servers/tracer/trace_stream.h), numbers from
<keel/abi.h>: two units, a client thread calling the serial server's thread through IPC on CPU
0, interrupts, priority inheritance and a fault on CPU 1 with a ring that dropped events, an
unknown thread, the server restarted; then garbage between two blocks and a final block cut
off. The JSON must pass the format's rules and show the call as slices and flows named from
the IDL; the validator must catch broken documents."""
import copy
import json
import os
import random
import struct
import subprocess
import sys
import tempfile
import unittest

sys.dont_write_bytecode = True
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tools.devtools import trace, trace_validate, tracestream  # noqa: E402

ABI = tracestream.Abi(REPO)
EV, SYS = ABI.ev, ABI.sys_number
HZ = 2_000_000_000  # 2 GHz: 2000 ticks a microsecond
CLIENT_UNIT, SERVER_UNIT, SERVER_UNIT2 = 0x10003, 0x10004, 0x20004
CLIENT, SERVER, SERVER2, STRANGER = 0x10008, 0x10009, 0x2000a, 0x3000b
SERIAL_IFACE = 0x0012  # keel.serial.Serial, idl/interface_ids.txt
WRITE = (SERIAL_IFACE << 16) | 1  # IPC_TYPE(0x0012, 1): its method 1, write
REPLY = 1 << 31
ENDPOINT = 0xc0123400  # an endpoint's kernel address


def us(t):
    return 2000 * t  # TSC ticks at microsecond t


def name_words(name):
    raw = name.encode().ljust(12, b"\0")
    return struct.unpack("<3I", raw)


def wait(word):
    """The number of a wait reason (TRACE_WAIT_*) by part of its name (`rec`: IPC_RECV)."""
    return next(v for v, k in ABI.wait_why.items() if word in k)


def switch_why(kind, word=None):
    return ABI_SWITCH[kind] + 256 * (wait(word) if word else 0)


ABI_SWITCH = {v: k for k, v in ABI.switch_why.items()}


def ev(t, typ, cpu, thread, *args):
    args = (list(args) + [0, 0, 0, 0])[:4]
    return struct.pack("<QHHI4I", us(t), EV[typ], cpu, thread, *[a & 0xffffffff for a in args])


def block(cpu, seq, dropped, events, count=None):
    count = len(events) if count is None else count
    return struct.pack("<IHHIIQII", ABI.magic, ABI.version, cpu, count, dropped, HZ, seq,
                       0) + b"".join(events)


def cpu0_call():
    """Units and threads start; the server waits; the client calls write and gets its reply."""
    return [
        ev(10, "ON", 0, 0),
        ev(11, "UNIT_START", 0, 0, CLIENT_UNIT, *name_words("shell")),
        ev(12, "THREAD_START", 0, 0, CLIENT, CLIENT_UNIT, 100),
        ev(13, "UNIT_START", 0, 0, SERVER_UNIT, *name_words("serial")),
        ev(14, "THREAD_START", 0, 0, SERVER, SERVER_UNIT, 120),
        ev(15, "SWITCH", 0, 0, 0, SERVER, switch_why("ready"), 120),
        ev(16, "SYSCALL", 0, SERVER, SYS["IPC_RECV"], 5, 0, 0),
        ev(17, "SWITCH", 0, SERVER, SERVER, CLIENT, switch_why("blocked", "rec"), 100),
        ev(20, "SYSCALL", 0, CLIENT, SYS["IPC_CALL"], 7, 0x1000, 0),
        ev(21, "IPC_SEND", 0, CLIENT, ENDPOINT, 3, WRITE, 12),
        ev(22, "IPC_RECV", 0, CLIENT, CLIENT, SERVER, WRITE, 12),
        ev(23, "SWITCH", 0, CLIENT, CLIENT, SERVER, switch_why("blocked", "reply"), 120),
        ev(24, "SYSCALL_EXIT", 0, SERVER, SYS["IPC_RECV"], 0),
        ev(30, "SYSCALL", 0, SERVER, SYS["IPC_REPLY_RECV"], 5, 0, 0),
        ev(31, "IPC_REPLY", 0, SERVER, SERVER, CLIENT, WRITE | REPLY, 4),
        ev(32, "SWITCH", 0, SERVER, SERVER, CLIENT, switch_why("blocked", "rec"), 100),
        ev(33, "SYSCALL_EXIT", 0, CLIENT, SYS["IPC_CALL"], 0),
    ]


def cpu1_first():
    return [
        ev(18, "IRQ", 1, STRANGER, 4),
        ev(19, "IRQ_NOTIFY", 1, STRANGER, 4, 70000, 1),
        ev(25, "SYSCALL", 1, STRANGER, SYS["YIELD"]),
        ev(26, "SYSCALL_EXIT", 1, STRANGER, SYS["YIELD"], -5),
    ]


def cpu1_second():
    """After 5 dropped events: PI, the server faults, ends and is started again."""
    return [
        ev(40, "PI", 1, CLIENT, SERVER, 100, 120, 1),
        ev(41, "FAULT", 1, SERVER, 14, 0x40004a, 4, 0),
        ev(42, "UNIT_END", 1, SERVER, SERVER_UNIT, 2, 0),
        ev(43, "UNIT_START", 1, 0, SERVER_UNIT2, *name_words("serial")),
        ev(44, "THREAD_START", 1, 0, SERVER2, SERVER_UNIT2, 120),
    ]


GARBAGE = bytes(range(7, 7 + 96))


def stream():
    """(the bytes, the offset of the garbage, the offset of the cut block)."""
    parts = [block(0, 0, 0, cpu0_call()), block(1, 1, 0, cpu1_first())]
    garbage_at = sum(map(len, parts))
    parts.append(GARBAGE)
    parts.append(block(1, 2, 5, cpu1_second()))
    cut_at = sum(map(len, parts))
    cut = block(0, 3, 0, [ev(50, "SYSCALL", 0, CLIENT, SYS["YIELD"])] * 3)
    parts.append(cut[:32 + 32 + 20])  # the header, one event and part of the next
    return b"".join(parts), garbage_at, cut_at


def by(events, **kw):
    return [e for e in events if all(e.get(k) == v for k, v in kw.items())]


class Conversion(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.data, cls.garbage_at, cls.cut_at = stream()
        cls.doc, cls.stream, cls.conv, cls.warnings = trace.convert(cls.data, REPO)
        cls.events = cls.doc["traceEvents"]
        cls.names = {(e["pid"], e["tid"]): e["args"]["name"] for e in cls.events
                     if e["ph"] == "M" and e["name"] == "thread_name"}
        cls.procs = {e["pid"]: e["args"]["name"] for e in cls.events
                     if e["ph"] == "M" and e["name"] == "process_name"}

    def test_valid(self):
        self.assertEqual(trace_validate.validate(self.doc), [])
        self.assertEqual(self.doc["displayTimeUnit"], "ns")
        json.dumps(self.doc)

    def test_names(self):
        self.assertEqual(self.procs[CLIENT_UNIT], "shell")
        self.assertEqual(self.procs[SERVER_UNIT], "serial")
        self.assertEqual(self.procs[SERVER_UNIT2], "serial (restart 1)")
        self.assertEqual(self.names[(CLIENT_UNIT, CLIENT)], "shell:%d" % CLIENT)
        self.assertEqual(self.names[(SERVER_UNIT, SERVER)], "serial:%d" % SERVER)
        unknown = self.conv.unknown_pid
        self.assertIn("unknown", self.procs[unknown])
        self.assertEqual(self.names[(unknown, STRANGER)], "unknown:%d" % STRANGER)
        self.assertEqual(self.procs[self.conv.cpu_pid], "CPUs")
        self.assertEqual(self.names[(self.conv.cpu_pid, 1)], "CPU 1")
        restart = by(self.events, ph="i", pid=SERVER_UNIT2, cat="unit", s="p")
        self.assertEqual([e["name"] for e in restart], ["unit restart 1 of serial"])

    def slice_of(self, pid, tid, name):
        found = by(self.events, ph="X", pid=pid, tid=tid, name=name)
        self.assertEqual(len(found), 1, "%s on %d/%d: %s" % (
            name, pid, tid, [e["name"] for e in by(self.events, ph="X", tid=tid)]))
        return found[0]

    def test_syscall_slices(self):
        call = self.slice_of(CLIENT_UNIT, CLIENT, "ipc_call keel.serial.Serial.write")
        self.assertEqual((call["ts"], call["dur"]), (10.0, 13.0))  # microseconds 20 to 33
        self.assertEqual(call["args"]["result"], 0)
        self.assertEqual(call["args"]["reply"], "keel.serial.Serial.write")
        recv = self.slice_of(SERVER_UNIT, SERVER, "ipc_recv keel.serial.Serial.write")
        self.assertEqual((recv["ts"], recv["dur"]), (6.0, 8.0))
        rr = self.slice_of(SERVER_UNIT, SERVER, "ipc_reply_recv")
        self.assertIn("unfinished", rr["args"])  # still waiting when the trace ended
        self.assertEqual(rr["args"]["replied"], "keel.serial.Serial.write")
        y = self.slice_of(self.conv.unknown_pid, STRANGER, "yield")
        self.assertEqual(y["args"]["result"], "ERR_TIMEOUT")

    def enclosing(self, flow_event):
        """The slice a flow event binds to: the one on its track around its timestamp."""
        around = [e for e in by(self.events, ph="X", pid=flow_event["pid"],
                                tid=flow_event["tid"])
                  if e["ts"] <= flow_event["ts"] <= e["ts"] + e["dur"]]
        self.assertEqual(len(around), 1, flow_event)
        return around[0]["name"]

    def test_flows(self):
        flows = by(self.events, cat="ipc")
        starts = {e["id"]: e for e in flows if e["ph"] == "s"}
        ends = {e["id"]: e for e in flows if e["ph"] == "f"}
        self.assertEqual(sorted(starts), sorted(ends))
        self.assertEqual(len(starts), 2)
        chain = sorted(starts, key=lambda i: starts[i]["ts"])
        call, reply = starts[chain[0]], starts[chain[1]]
        self.assertEqual(call["name"], "keel.serial.Serial.write")
        self.assertEqual((call["tid"], ends[chain[0]]["tid"]), (CLIENT, SERVER))
        self.assertEqual(self.enclosing(call), "ipc_call keel.serial.Serial.write")
        self.assertEqual(self.enclosing(ends[chain[0]]), "ipc_recv keel.serial.Serial.write")
        self.assertEqual(ends[chain[0]]["bp"], "e")
        self.assertEqual(reply["name"], "keel.serial.Serial.write reply")
        self.assertEqual((reply["tid"], ends[chain[1]]["tid"]), (SERVER, CLIENT))
        self.assertEqual(self.enclosing(reply), "ipc_reply_recv")
        self.assertEqual(self.enclosing(ends[chain[1]]), "ipc_call keel.serial.Serial.write")

    def test_cpu_tracks(self):
        cpu = self.conv.cpu_pid
        ran = [(e["name"], e["ts"]) for e in by(self.events, ph="X", pid=cpu, tid=0)]
        self.assertEqual(ran, [("serial:%d" % SERVER, 5.0), ("shell:%d" % CLIENT, 7.0),
                               ("serial:%d" % SERVER, 13.0), ("shell:%d" % CLIENT, 22.0)])
        switch = by(self.events, ph="X", pid=cpu, tid=0)[1]
        self.assertEqual(switch["args"]["switched out"],
                         "blocked (%s)" % ABI.wait_why[wait("reply")])
        irq = by(self.events, ph="i", pid=cpu, tid=1, cat="irq")
        self.assertEqual([e["name"] for e in irq], ["IRQ 4", "IRQ 4 to user space"])
        fault = by(self.events, ph="i", cat="fault")
        self.assertEqual(fault[0]["args"]["eip"], "0x0040004a")
        self.assertEqual(fault[0]["tid"], SERVER)
        pi = by(self.events, ph="i", cat="pi")
        self.assertEqual(pi[0]["name"], "priority raised to 100")

    def test_merged_in_time(self):
        ts = [e["ts"] for e in self.events if e["ph"] != "M"]
        self.assertEqual(ts, sorted(ts))
        self.assertEqual(ts[0], 0.0)

    def test_dropped(self):
        dropped = by(self.events, cat="dropped")
        self.assertEqual(len(dropped), 1)
        self.assertEqual(dropped[0]["name"], "5 events dropped")
        self.assertEqual((dropped[0]["pid"], dropped[0]["tid"]), (self.conv.cpu_pid, 1))
        # The ring was full after the last event of the block that reports the loss.
        self.assertEqual(dropped[0]["ts"], 34.0)
        self.assertIn("5 events dropped", trace.summary(self.stream, self.conv))

    def test_damage_reported(self):
        text = "\n".join(self.warnings)
        self.assertIn("byte offset %d: no block header here (corrupt stream): 96 bytes skipped, "
                      "resynchronised at byte offset %d" % (self.garbage_at,
                                                            self.garbage_at + 96), text)
        self.assertIn("byte offset %d: incomplete final block (CPU 0, seq 3): 1 of its 3 events "
                      "were captured; the block is dropped: 3 events lost" % self.cut_at, text)
        self.assertEqual(self.stream.lost_incomplete, 3)
        self.assertEqual(self.doc["otherData"]["dropped"], 5)

    def test_adjacent_slices_stay_adjacent(self):
        """Switches at odd TSC values: each CPU slice ends exactly where the next begins, as
        speedscope computes it (ts + dur), or it would nest one in the other."""
        tsc, evs, threads = us(10), [], [CLIENT, SERVER]
        for i in range(200):
            tsc += 1 + (i * 7919) % 30000001  # up to 15 ms apart
            evs.append(struct.pack("<QHHI4I", tsc, EV["SWITCH"], 0, threads[i % 2],
                                   threads[i % 2], threads[(i + 1) % 2], switch_why("ready"),
                                   100))
        doc = trace.convert(block(0, 0, 0, evs), REPO)[0]
        ran = [e for e in doc["traceEvents"] if e["ph"] == "X"]
        self.assertEqual(len(ran), 201)  # and the last thread's, to the end of the trace
        for a, b in zip(ran, ran[1:]):
            self.assertEqual(a["ts"] + a["dur"], b["ts"])
        self.assertEqual(trace_validate.validate(doc), [])

    def test_any_event_order(self):
        """Events of every type in a random order (lost exits, replies without calls, threads
        never started, switches from anyone): the JSON stays valid."""
        rng = random.Random(11)
        threads = [0, CLIENT, SERVER, STRANGER, SERVER2]
        blocks, tsc = [], us(10)
        for seq in range(40):
            cpu, evs = seq % 2, []
            for _ in range(50):
                tsc += rng.randrange(1, 5000)
                typ = rng.choice(sorted(ABI.ev_name))
                args = [rng.choice(threads + [SYS["IPC_CALL"], SYS["IPC_RECV"], WRITE, 3])
                        for _ in range(4)]
                if typ == EV["UNIT_START"]:
                    args[1:] = name_words(rng.choice(["a", "serial"]))
                evs.append(struct.pack("<QHHI4I", tsc, typ, cpu, rng.choice(threads), *args))
            blocks.append(block(cpu, seq, seq * 3, evs))
        doc = trace.convert(b"".join(blocks), REPO)[0]
        self.assertEqual(trace_validate.validate(doc), [])
        self.assertGreater(len([e for e in doc["traceEvents"] if e["ph"] == "X"]), 100)

    def test_bad_event_inside_block(self):
        """A block whose third event is garbage keeps the first two and resynchronises."""
        evs = cpu0_call()
        evs[2] = b"\xff" * 32
        data = block(0, 0, 0, evs) + block(1, 1, 0, cpu1_first())
        doc, st, _, warnings = trace.convert(data, REPO)
        self.assertEqual(len(st.events[0]), 2)
        self.assertEqual(len(st.events[1]), 4)
        self.assertEqual(st.lost_corrupt, len(evs) - 2)
        self.assertTrue(any("event 2 of the block at byte offset 0 (CPU 0) is not an event" in w
                            for w in warnings), warnings)
        self.assertEqual(trace_validate.validate(doc), [])

    def test_no_whole_block(self):
        """A stream cut before its first block's end (a capture read as it is written) is
        refused as such, whatever its length."""
        data = block(0, 0, 0, cpu0_call())
        for cut in (0, 10, len(data) // 2):
            with self.assertRaisesRegex(trace.TraceError, "no whole block"):
                trace.convert(data[:cut], REPO)


class Command(unittest.TestCase):
    def test_tools_trace_stream(self):
        data, _, _ = stream()
        with tempfile.TemporaryDirectory() as tmp:
            path, out = os.path.join(tmp, "capture.bin"), os.path.join(tmp, "t.json")
            with open(path, "wb") as f:
                f.write(data)
            r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "trace"),
                                "--stream", path, "-o", out], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("5 events dropped (ring full), 3 lost in an incomplete final block",
                          r.stderr)
            self.assertIn("incomplete final block", r.stderr)
            with open(out) as f:
                self.assertEqual(trace_validate.validate(json.load(f)), [])
            r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "trace"),
                                "--stream", os.path.join(tmp, "none")],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 1)
            self.assertIn("tools/trace: cannot read", r.stderr)
            r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "trace"),
                                "--stream", path, "-o", out, "--no-args"],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(out) as f:
                slices = [e for e in json.load(f)["traceEvents"] if e["ph"] == "X"]
            self.assertTrue(slices)
            # --graph: who called whom, drawn by Graphviz (the .dot text checked, the .svg made)
            for graph in ("g.dot", "g.svg"):
                r = subprocess.run([sys.executable, os.path.join(REPO, "tools", "trace"),
                                    "--stream", path, "-o", out, "--graph",
                                    os.path.join(tmp, graph)], capture_output=True, text=True)
                self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(tmp, "g.dot")) as f:
                text = f.read()
            self.assertIn('"shell" -> "serial" [label="keel.serial.Serial.write x1"];', text)
            self.assertNotIn("reply", text)
            with open(os.path.join(tmp, "g.svg")) as f:
                svg = f.read()
            self.assertIn("<svg", svg)
            self.assertIn("keel.serial.Serial.write x1", svg)
            self.assertFalse([e for e in slices if "args" in e])


GOOD = {"displayTimeUnit": "ms", "traceEvents": [
    {"ph": "M", "name": "thread_name", "pid": 1, "tid": 2, "args": {"name": "t"}},
    {"ph": "B", "name": "a", "ts": 1, "pid": 1, "tid": 2},
    {"ph": "X", "name": "x", "ts": 2, "dur": 1, "pid": 1, "tid": 2},
    {"ph": "E", "ts": 5, "pid": 1, "tid": 2},
    {"ph": "s", "name": "m", "cat": "ipc", "id": 1, "ts": 2, "pid": 1, "tid": 2},
    {"ph": "f", "name": "m", "cat": "ipc", "id": 1, "ts": 3, "pid": 1, "tid": 3, "bp": "e"},
    {"ph": "i", "name": "g", "ts": 3, "s": "g"},
]}


class Validator(unittest.TestCase):
    def broken(self, change, expect):
        doc = copy.deepcopy(GOOD)
        change(doc["traceEvents"])
        errors = trace_validate.validate(doc)
        self.assertTrue(any(expect in e for e in errors), errors)

    def test_good(self):
        self.assertEqual(trace_validate.validate(GOOD), [])

    def test_unbalanced(self):
        self.broken(lambda evs: evs.pop(3), "is never closed")
        self.broken(lambda evs: evs.pop(1), "closes nothing")
        self.broken(lambda evs: evs[3].update(name="b"), "E 'b' closes B 'a'")
        self.broken(lambda evs: evs[3].update(ts=0), "goes back in time")

    def test_flows(self):
        self.broken(lambda evs: evs.pop(5), "1 starts and 0 ends")
        self.broken(lambda evs: evs[5].update(id=2), "0 starts and 1 ends")
        self.broken(lambda evs: evs[5].update(ts=1), "ends (event 5) before it starts")
        self.broken(lambda evs: evs[5].update(bp="x"), "binding point")
        self.broken(lambda evs: evs[4].pop("id"), "has no id")

    def test_fields(self):
        self.broken(lambda evs: evs[2].update(dur=-1), "dur -1")
        self.broken(lambda evs: evs[2].pop("dur"), "dur None")
        self.broken(lambda evs: evs[2].update(ts="2"), "ts '2' is not a number")
        self.broken(lambda evs: evs[2].update(pid="1"), "pid '1' is not an integer")
        self.broken(lambda evs: evs[2].update(ph="Q"), "unknown phase")
        self.broken(lambda evs: evs[2].pop("name"), "no name")
        self.broken(lambda evs: evs[6].update(s="x"), "instant scope")
        self.broken(lambda evs: evs[0].update(name="thread_nom"), "unknown metadata")
        self.broken(lambda evs: evs[0].update(args={}), "without a valid args.name")
        self.broken(lambda evs: evs.append(
            {"ph": "X", "name": "y", "ts": 2.5, "dur": 1, "pid": 1, "tid": 2}), "overlaps")
        # 0.1 + 0.2 > 0.3 in binary floating point: a viewer nests the second slice.
        self.broken(lambda evs: evs.extend([
            {"ph": "X", "name": "y", "ts": 0.1, "dur": 0.2, "pid": 1, "tid": 5},
            {"ph": "X", "name": "z", "ts": 0.3, "dur": 1, "pid": 1, "tid": 5}]), "overlaps")
        self.assertEqual(trace_validate.validate([]),
                         ["the document is not an object with a traceEvents array"])


if __name__ == "__main__":
    unittest.main()
