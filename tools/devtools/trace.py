"""Kernel trace stream -> Chrome Trace Event JSON (tools/trace, docs/tools.md), the format
Perfetto's UI and speedscope read.

What comes out: one process per unit (pid = unit id, named from TRACE_EV_UNIT_START; a unit
started again under a name already seen is named a restart) with one track per thread (tid =
thread id, put in its unit by TRACE_EV_THREAD_START; threads the trace never saw start go to a
process "unknown threads"); each system call a complete slice on its thread named by the
syscall (`ipc_call keel.serial.Serial.write`: IPC calls with the message's interface and
method from the IDL); IPC as flows from the sender's slice to the receiver's and from the
server's reply back to the caller; a process "CPUs" with a track per CPU showing which thread
ran (slices named after the thread, from one context switch to the next), interrupts and the
events the ring dropped; faults, priority inheritance, unit and thread starts and ends as
instant events with their arguments. Timestamps are microseconds from the first event,
converted from the TSC with the stream's cycle_hz."""
import heapq
import os
import sys

from tools.devtools import tracestream
from tools.devtools.tracestream import REPO, TraceError

IDS = os.path.join("idl", "interface_ids.txt")


class Messages:
    """Message type -> `library.Interface.method`: the interface id from idl/interface_ids.txt,
    the method or event ordinal from the interface's IDL file, read with the IDL compiler's own
    parser (codegen/idl). `warnings` says which files could not be read."""

    def __init__(self, root=REPO):
        self.root = root
        self.ids = {i: (qual, rel) for i, qual, rel in self.read_ids(os.path.join(root, IDS))}
        self.ifaces = {}  # {id: (library.Interface, {ordinal: name})}, as each is first seen
        self.parsed = {}
        self.warnings = []

    def interface(self, iface_id):
        if iface_id not in self.ifaces:
            qual, rel = self.ids[iface_id]
            if rel not in self.parsed:
                self.parsed[rel] = self.parse(rel)
            self.ifaces[iface_id] = (qual, self.ordinals(self.parsed[rel], qual))
        return self.ifaces[iface_id]

    def parse(self, rel):
        sys.path.insert(0, self.root)
        from codegen.idl import frontend
        from codegen.idl.errors import IdlError
        try:
            return frontend.parse(os.path.join(self.root, rel))
        except (IdlError, OSError) as err:
            self.warnings.append("%s: %s (its methods are shown by ordinal)" % (rel, err))
            return None

    @staticmethod
    def read_ids(path):
        try:
            with open(path, encoding="utf-8") as f:
                lines = f.read().splitlines()
        except OSError as err:
            raise TraceError("cannot read %s: %s" % (path, err.strerror)) from None
        for line in lines:
            words = line.split("#", 1)[0].split()
            if len(words) >= 3:
                yield int(words[0], 0), words[1], words[2]

    @staticmethod
    def ordinals(idl, qual):
        if idl is None:
            return {}
        for decl in idl.decls:
            if hasattr(decl, "methods") and "%s.%s" % (idl.library, decl.name) == qual:
                out = {m.ordinal: m.name for m in decl.methods}
                out.update({e.ordinal: e.name for e in decl.events})
                return out
        return {}

    def name(self, mtype):
        iface, ordinal = (mtype >> 16) & 0x7fff, mtype & 0xffff
        if iface not in self.ids:  # e.g. 0: a server's own messages, no IDL interface
            return "interface 0x%04x #%d" % (iface, ordinal)
        qual, methods = self.interface(iface)
        return "%s.%s" % (qual, methods.get(ordinal, "#%d" % ordinal))


def merged(events_by_cpu):
    """Every CPU's events in one list by timestamp, each CPU's kept in its own order."""
    lists = [[(e.tsc, cpu, i, e) for i, e in enumerate(evs)]
             for cpu, evs in sorted(events_by_cpu.items())]
    return [item[3] for item in heapq.merge(*lists, key=lambda item: item[:3])]


def free_ids(used, count):
    """`count` small numbers not in `used` (pids for the CPUs and unknown threads)."""
    out, n = [], 0
    while len(out) < count:
        if n not in used:
            out.append(n)
        n += 1
    return out


def hexs(value):
    return "0x%08x" % value


class Converter:
    """One stream's events -> a list of trace events. Two passes: the first learns which unit
    each thread belongs to and every unit's name, the second emits."""

    def __init__(self, abi, messages, stream):
        self.abi, self.msg, self.stream = abi, messages, stream
        self.ev = abi.ev
        self.out = []
        self.units = {}  # {unit id: (name, restart number)}
        self.thread_unit = {}
        self.threads = set()
        self.syscall_open = {}  # {thread: [number, start ts, args]}
        self.orphan = {}  # {thread: args of a call it entered before the trace began}
        self.last_end = {}  # {thread: end of its last slice}
        self.sends = {}  # {sender thread: [(ts, message type, in a call)] not yet received}
        self.calls = {}  # {caller thread: (message name, server thread)} awaiting a reply
        self.running = {}  # {cpu: (thread, since ts)}
        self.flows = 0
        self.counts = {"syscalls": 0, "flows": 0, "unmatched_sends": 0, "restarts": 0,
                       "samples": 0}
        if stream.cycle_hz is None:
            raise TraceError("the stream holds no whole block (%d blocks read): nothing to "
                             "convert" % stream.blocks)
        hz = stream.cycle_hz
        if hz <= 0:
            raise TraceError("the stream's cycle_hz is %d: timestamps cannot be converted" % hz)
        self.hz = hz

    # --- the first pass --------------------------------------------------------------------
    def learn(self, events):
        by_name = {}
        for e in events:
            if e.type == self.ev.get("UNIT_START"):
                name = tracestream.unit_name(e.args[1:]) or "(no name)"
                starts = by_name.setdefault(name, [])
                starts.append(e.args[0])
                self.units[e.args[0]] = (name, len(starts) - 1)
            elif e.type == self.ev.get("THREAD_START"):
                self.thread_unit[e.args[0]] = e.args[1]
            for t in self.thread_args(e):
                if t:
                    self.threads.add(t)
        used = set(self.units) | set(self.thread_unit.values())
        self.unknown_pid, self.cpu_pid = free_ids(used, 2)

    def thread_args(self, e):
        """The threads an event names (the one running and those in its arguments)."""
        t, a = e.type, e.args
        named = {self.ev.get("SWITCH"): a[:2], self.ev.get("IPC_RECV"): a[:2],
                 self.ev.get("IPC_REPLY"): a[:2], self.ev.get("PI"): a[:1],
                 self.ev.get("THREAD_START"): a[:1], self.ev.get("THREAD_END"): a[:1]}
        return (e.thread,) + tuple(named.get(t, ()))

    def pid(self, thread):
        return self.thread_unit.get(thread, self.unknown_pid)

    def label(self, thread):
        unit = self.thread_unit.get(thread)
        name = self.units[unit][0] if unit in self.units else "unit %s" % unit
        return "%s:%d" % (name if unit is not None else "unknown", thread)

    # --- emitting --------------------------------------------------------------------------
    def ts(self, tsc):
        """Microseconds from the first event, in steps of 1/1024 (under a nanosecond): sums
        and differences of such numbers are exact in binary floating point, so a slice that
        ends where the next begins ends exactly there for a viewer too (speedscope nests
        slices whose end passes the next one's start by a rounding error)."""
        return round((tsc - self.t0) * 1024e6 / self.hz) / 1024

    def emit(self, ph, name, ts, pid, tid, **kw):
        event = {"ph": ph, "name": name, "ts": ts, "pid": pid, "tid": tid}
        event.update(kw)
        self.out.append(event)
        return event

    def instant(self, name, ts, pid, tid, args, scope="t", cat="kernel"):
        return self.emit("i", name, ts, pid, tid, s=scope, cat=cat, args=args)

    def cpu_instant(self, name, ts, cpu, args, cat="kernel"):
        return self.instant(name, ts, self.cpu_pid, cpu, args, cat=cat)

    def slice(self, name, start, end, pid, tid, args, cat):
        self.emit("X", name, start, pid, tid, dur=max(end - start, 0), cat=cat, args=args)

    def flow(self, name, src, dst, args):
        """A flow from (ts, thread) src to (ts, thread) dst, each bound to its enclosing
        slice."""
        self.flows += 1
        self.counts["flows"] += 1
        common = {"cat": "ipc", "id": self.flows, "args": args}
        self.emit("s", name, src[0], self.pid(src[1]), src[1], **common)
        self.emit("f", name, dst[0], self.pid(dst[1]), dst[1], bp="e", **common)

    def convert(self):
        events = merged(self.stream.events)
        if not events:
            raise TraceError("the stream has no events")
        self.t0 = events[0].tsc
        self.learn(events)
        handlers = {self.ev.get(name[3:].upper()): getattr(self, name)
                    for name in dir(self) if name.startswith("on_")}
        for e in events:
            handlers.get(e.type, self.on_unknown)(self.ts(e.tsc), e)
        self.end = self.ts(events[-1].tsc)
        self.finish()
        self.show_drops()
        return self.metadata() + sorted(self.out, key=lambda ev: ev["ts"])

    def finish(self):
        """Closes what the trace ended inside: system calls and running slices."""
        for thread, (number, start, args) in sorted(self.syscall_open.items()):
            args["unfinished"] = "still in the call when the trace ended"
            self.syscall_slice(thread, number, start, self.end, args)
        for cpu, (thread, since) in sorted(self.running.items()):
            self.slice(self.label(thread), since, self.end, self.cpu_pid, cpu,
                       {"thread": thread, "until": "the end of the trace"}, "sched")
        self.counts["unmatched_sends"] = sum(len(s) for s in self.sends.values())

    def show_drops(self):
        for cpu, lost, total, before in self.stream.drops:
            ts = self.ts(before.tsc) if before is not None else 0.0
            self.cpu_instant("%d events dropped" % lost, ts, cpu, {
                "dropped": lost, "dropped_on_this_cpu": total,
                "why": "the CPU's ring was full: events after this point were lost"},
                cat="dropped")

    def metadata(self):
        meta = []

        def add(name, pid, tid, args):
            meta.append({"ph": "M", "name": name, "pid": pid, "tid": tid, "args": args})
        pids = {self.pid(t) for t in self.threads} | set(self.units)
        for pid in sorted(pids):
            if pid == self.unknown_pid:
                name = "unknown threads (started before the trace)"
            elif pid in self.units:
                name, restart = self.units[pid]
                name += " (restart %d)" % restart if restart else ""
            else:
                name = "unit %d" % pid
            add("process_name", pid, 0, {"name": name})
            add("process_sort_index", pid, 0, {"sort_index": pid + 1})
        for t in sorted(self.threads):
            add("thread_name", self.pid(t), t, {"name": self.label(t)})
        add("process_name", self.cpu_pid, 0, {"name": "CPUs"})
        add("process_sort_index", self.cpu_pid, 0, {"sort_index": -1})
        for cpu in sorted(self.stream.events):
            add("thread_name", self.cpu_pid, cpu, {"name": "CPU %d" % cpu})
            add("thread_sort_index", self.cpu_pid, cpu, {"sort_index": cpu})
        return meta

    # --- system calls and IPC --------------------------------------------------------------
    def syscall_slice(self, thread, number, start, end, args):
        name = self.abi.syscall.get(number, "syscall %d" % number)
        method = args.get("received") or args.get("sent")
        if method:
            name += " " + method
        self.counts["syscalls"] += 1
        self.slice(name, start, end, self.pid(thread), thread, args, "syscall")
        self.last_end[thread] = end

    def on_syscall(self, ts, e):
        if e.thread in self.syscall_open:  # its exit was lost: end it here
            number, start, args = self.syscall_open.pop(e.thread)
            args["unfinished"] = "no exit event before the next call"
            self.syscall_slice(e.thread, number, start, ts, args)
        self.orphan.pop(e.thread, None)
        self.syscall_open[e.thread] = [e.args[0], ts, {
            "number": e.args[0], "ebx": hexs(e.args[1]), "ecx": hexs(e.args[2]),
            "edx": hexs(e.args[3])}]

    def on_syscall_exit(self, ts, e):
        number, result = e.args[0], e.args[1] - (1 << 32) if e.args[1] >= 1 << 31 else e.args[1]
        opened = self.syscall_open.pop(e.thread, None)
        if opened is not None and opened[0] == number:
            _, start, args = opened
        elif opened is not None:  # another call's exit and this one's entry were lost
            opened[2]["unfinished"] = "no exit event before another call's exit"
            self.syscall_slice(e.thread, opened[0], opened[1], ts, opened[2])
            start, args = ts, {"number": number, "entered": "its entry event was lost"}
        else:  # entered before the trace began (or its entry was dropped)
            start = self.last_end.get(e.thread, 0.0)
            args = self.orphan.pop(e.thread, {})
            args.update({"number": number, "entered": "before the trace began"})
        args["result"] = self.abi.err.get(result, result) if result < 0 else result
        self.syscall_slice(e.thread, number, start, ts, args)

    def call_args(self, thread):
        """The arguments of the system call `thread` is in (one it entered before the trace
        began if none is open: its exit will show them)."""
        opened = self.syscall_open.get(thread)
        return opened[2] if opened is not None else self.orphan.setdefault(thread, {})

    def on_ipc_send(self, ts, e):
        endpoint, badge, mtype, length = e.args
        opened = self.syscall_open.get(e.thread)
        in_call = opened is not None and opened[0] == self.abi.sys_number.get("IPC_CALL")
        self.sends.setdefault(e.thread, []).append((ts, mtype, in_call))
        args = self.call_args(e.thread)
        args.update({"sent": self.msg.name(mtype), "object": hexs(endpoint), "badge": badge,
                     "length": length})

    def on_ipc_recv(self, ts, e):
        sender, receiver, mtype, length = e.args
        name = self.msg.name(mtype)
        self.call_args(receiver).update({
            "received": name, "length": length,
            "from": self.label(sender) if sender else "a channel"})
        pending = self.sends.get(sender, [])
        match = next((s for s in pending if s[1] == mtype), None)
        if match is None:  # from a channel, or sent before the trace began
            return
        pending.remove(match)
        send_ts, _, in_call = match
        self.flow(name, (send_ts, sender), (ts, receiver), {
            "from": self.label(sender), "to": self.label(receiver), "length": length})
        if in_call:
            self.calls[sender] = (name, receiver)

    def on_ipc_reply(self, ts, e):
        replier, caller, mtype, length = e.args
        self.call_args(replier).update({"replied": self.msg.name(mtype),
                                        "to": self.label(caller)})
        call = self.calls.pop(caller, None)
        if call is not None:
            self.flow(call[0] + " reply", (ts, replier), (ts, caller), {
                "from": self.label(replier), "to": self.label(caller), "length": length})
        self.call_args(caller)["reply"] = self.msg.name(mtype)

    # --- the CPUs --------------------------------------------------------------------------
    def why(self, value):
        kind = self.abi.switch_why.get(value & 0xff, "reason %d" % (value & 0xff))
        wait = value >> 8
        if wait:
            kind += " (%s)" % self.abi.wait_why.get(wait, "wait %d" % wait)
        return kind

    def on_switch(self, ts, e):
        old, new, why, prio = e.args
        running = self.running.pop(e.cpu, None)
        if running is None and old:
            first = self.stream.events[e.cpu][0].tsc
            running = (old, self.ts(first))
        if running is not None:
            self.slice(self.label(running[0]), running[1], ts, self.cpu_pid, e.cpu, {
                "thread": running[0], "switched out": self.why(why)}, "sched")
        if new:
            self.running[e.cpu] = (new, ts)
        self.cpu_instant("switch to %s" % (self.label(new) if new else "idle"), ts, e.cpu, {
            "from": self.label(old) if old else "idle", "why": self.why(why),
            "priority": prio}, cat="sched")

    def on_irq(self, ts, e):
        self.cpu_instant("IRQ %d" % e.args[0], ts, e.cpu, {"line": e.args[0]}, cat="irq")

    def on_irq_notify(self, ts, e):
        line, notification, bits = e.args[:3]
        self.cpu_instant("IRQ %d to user space" % line, ts, e.cpu, {
            "line": line, "notification": notification, "bits": hexs(bits)}, cat="irq")

    def on_on(self, ts, e):
        self.instant("tracing on", ts, self.cpu_pid, e.cpu, {"cpu": e.cpu}, scope="g")

    def on_sample(self, ts, e):
        """A profiler sample (tools/profile names them): counted, not drawn."""
        self.counts["samples"] += 1

    def on_sample_more(self, ts, e):
        pass

    def on_unknown(self, ts, e):
        self.cpu_instant("event type %d" % e.type, ts, e.cpu, {
            "thread": e.thread, "args": [hexs(a) for a in e.args]})

    # --- threads and units -----------------------------------------------------------------
    def on_pi(self, ts, e):
        thread, new, old, raised = e.args
        self.instant("priority %s to %d" % ("raised" if raised else "restored", new), ts,
                     self.pid(thread), thread, {"thread": thread, "new": new, "old": old,
                                                "by": self.label(e.thread)}, cat="pi")

    def on_fault(self, ts, e):
        vector, eip, code, cr2 = e.args
        self.instant("fault (vector %d)" % vector, ts, self.pid(e.thread), e.thread, {
            "vector": vector, "eip": hexs(eip), "error": hexs(code), "cr2": hexs(cr2)},
            cat="fault")

    def on_unit_start(self, ts, e):
        unit = e.args[0]
        name, restart = self.units[unit]
        what = "restart %d of %s" % (restart, name) if restart else "start " + name
        if restart:
            self.counts["restarts"] += 1
        self.instant("unit " + what, ts, unit, 0, {
            "unit": unit, "name": name, "restart": restart,
            "by": self.label(e.thread) if e.thread else "kernel"}, scope="p", cat="unit")

    def on_unit_end(self, ts, e):
        unit, how, status = e.args[:3]
        how = self.abi.unit_how.get(how, "how %d" % how)
        status = status - (1 << 32) if status >= 1 << 31 else status
        name = self.units.get(unit, ("unit %d" % unit, 0))[0]
        self.instant("unit end %s: %s" % (name, how), ts, unit, 0, {
            "unit": unit, "how": how, "status": status}, scope="p", cat="unit")

    def on_thread_start(self, ts, e):
        thread, unit, prio = e.args[:3]
        self.instant("thread start", ts, unit, thread, {
            "thread": thread, "unit": unit, "priority": prio}, cat="unit")

    def on_thread_end(self, ts, e):
        thread, unit = e.args[:2]
        self.instant("thread end", ts, self.pid(thread), thread, {
            "thread": thread, "unit": unit}, cat="unit")


def convert(data, root=REPO, slice_args=True):
    """(the Chrome Trace Event document, the stream read, the converter, warnings) of a
    capture's bytes. Without slice_args the slices carry no arguments: speedscope names a
    slice by its name and arguments, so only then do equal calls merge in its views."""
    abi = tracestream.Abi(root)
    messages = Messages(root)
    stream = tracestream.read_stream(data, abi)
    conv = Converter(abi, messages, stream)
    events = conv.convert()
    if not slice_args:
        for e in events:
            if e["ph"] == "X":
                e.pop("args", None)
    doc = {"traceEvents": events, "displayTimeUnit": "ns", "otherData": {
        "source": "keel tools/trace", "cycle_hz": stream.cycle_hz,
        "cpus": len(stream.events), "dropped": sum(d[1] for d in stream.drops),
        "lost_incomplete": stream.lost_incomplete, "lost_corrupt": stream.lost_corrupt}}
    return doc, stream, conv, messages.warnings + stream.warnings


def summary(stream, conv):
    n = sum(len(v) for v in stream.events.values())
    return ("trace: %d events from %d CPUs in %d blocks, %.3f ms; %d units (%d restarts), "
            "%d threads, %d system calls, %d IPC flows; %d events dropped (ring full), %d lost "
            "in an incomplete final block; %d corrupt regions (%d bytes skipped, %d more events "
            "lost in blocks they cut short)" % (
                n, len(stream.events), stream.blocks, conv.end / 1000.0, len(conv.units),
                conv.counts["restarts"], len(conv.threads), conv.counts["syscalls"],
                conv.counts["flows"], sum(d[1] for d in stream.drops), stream.lost_incomplete,
                stream.corrupt_regions, stream.skipped_bytes, stream.lost_corrupt))

