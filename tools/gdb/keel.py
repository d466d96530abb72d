"""Keel's gdb extension (docs/tools.md): the kernel's units, threads, CPUs and capabilities, and
a user thread's stack, read from a running kernel through gdb's Python API.

Load it in a gdb attached to a Keel kernel (`tools/run --gdb` prints the one line):
    gdb bazel-bin/image.elf -ex 'source tools/gdb/keel.py' -ex 'target remote :1234'
Then:
    keel units              every unit: id, name, state, threads, frames, capabilities
    keel threads [UNIT]     every thread (or UNIT's): state, priorities, CPU, what it waits on
    keel cpus               every CPU: its running thread, ready threads, counters
    keel caps UNIT          UNIT's capabilities: handle, type, rights, badge, object
    keel user TID [ELF]     a thread's user registers and frame-pointer backtrace (through its
                            unit's page tables), symbolized from ELF (add-symbol-file) if given;
                            a unit's name instead of TID: its first thread
    keel capsnapshot FILE   every unit's capabilities, the objects they name and where each
                            was derived from, as JSON (tools/capgraph --gdb checks it)
    keel objects [KIND]     every kernel pool: objects in use of its capacity; with KIND
                            (endpoint, channel, memory, ...) each object, its references and
                            which unit's budget pays for it
    keel objsnapshot FILE   every kernel object (kind, pool slot and generation, references,
                            budget, where it was allocated) and the free frames, as JSON
                            (tools/leakcheck compares two)
    keel poke UNIT VA VALUE writes a 32-bit word into UNIT's memory (a test hands a stopped
                            program a number)
    keel trace [N]          whether the kernel traces, each CPU's ring (written, taken,
                            dropped) and its last N events (default 20), oldest first
UNIT is a unit's id (as `keel units` prints it) or its name; TID a thread's id.

Everything is read from the kernel's own data structures (its pools of units and threads,
its per-CPU records) with the types of the kernel ELF's debug information; the numbers that
live only in macros (capability types and rights, the memory layout) are read from the
headers next to this file's repository, so the two never disagree.
"""
import os
import re

import gdb

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def header_defines(path, prefix):
    """{name: value} of the `#define PREFIX... number` lines of a header of this repository."""
    out = {}
    with open(os.path.join(ROOT, path)) as f:
        for line in f:
            m = re.match(r"#define\s+(%s\w*)\s+(\(?[0-9a-fA-Fx]+u?(?:\s*<<\s*\d+)?\)?)" % prefix,
                         line)
            if m:
                out[m.group(1)] = eval(m.group(2).replace("u", ""))  # numbers and shifts only
    return out


ABI = "kernel/abi/include/keel/abi.h"
CAP_TYPES = {v: k[len("CAP_TYPE_"):].lower() for k, v in header_defines(ABI, "CAP_TYPE_").items()
             if k != "CAP_TYPE_COUNT"}
# (bit, name, letter): the shell's letters, RWXGA
CAP_RIGHTS = sorted((v, k[len("CAP_RIGHT_"):], "X" if k == "CAP_RIGHT_EXECUTE" else
                     k[len("CAP_RIGHT_")]) for k, v in header_defines(ABI, "CAP_RIGHT_").items()
                    if k != "CAP_RIGHT_ALL")
UNIT_STATES = {v: k[len("UNIT_"):].lower() for k, v in header_defines(ABI, "UNIT_").items()
               if k in ("UNIT_RUNNING", "UNIT_EXITED", "UNIT_FAULTED", "UNIT_KILLED")}
LAYOUT = header_defines("kernel/arch/x86/include/arch/memory.h", "(?:KERNEL_BASE|DIRECT_MAP_MAX)")
KERNEL_BASE = LAYOUT["KERNEL_BASE"]
CAP_INDEX_BITS = header_defines("kernel/include/kernel/cap.h", "CAP_INDEX_BITS")["CAP_INDEX_BITS"]
SYSENTER_FRAME = header_defines("kernel/arch/x86/include/arch/syscall.h",
                                "SYSCALL_FRAME_SYSENTER")["SYSCALL_FRAME_SYSENTER"]


class KeelError(Exception):
    """A request the kernel's state cannot answer (printed without a Python traceback)."""


def sym(name):
    """A kernel variable, static ones included (percpu_cpus is static in percpu.c)."""
    s = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if s is None:
        raise KeelError("no symbol %s: is this a Keel kernel ELF with debug information?" % name)
    return s.value()


def pool_objects(pool_name, type_name):
    """The allocated objects of a kernel pool (a slot is in use iff its kobj.type, the first
    byte of the slot, is not 0). The slots are read in one block: one read per slot would be
    thousands of round trips to the target."""
    pool = sym(pool_name)
    objs = pool["slots"].cast(gdb.lookup_type(type_name).pointer())
    cap, size = int(pool["capacity"]), int(pool["obj_size"])
    raw = bytes(gdb.selected_inferior().read_memory(int(pool["slots"]), cap * size))
    for i in range(cap):
        if raw[i * size] != 0:
            yield objs[i]


def c_string(chars):
    lo, hi = chars.type.range()
    raw = bytes(int(chars[i]) & 0xff for i in range(lo, hi + 1))
    return raw.split(b"\0")[0].decode("utf-8", "replace")


def enum_name(value, prefix):
    return str(value).replace(prefix, "").lower()


def units():
    return list(pool_objects("unit_pool", "struct unit"))


def unit_name(u):
    return c_string(u["name"]) if int(u.address) else "-"


def find_unit(arg):
    for u in units():
        if arg in (str(int(u["id"])), unit_name(u)):
            return u
    raise KeelError("no unit %r (keel units lists them)" % arg)


def cpus():
    """[(cpu id, struct percpu)] for every CPU that came up."""
    recs = sym("percpu_cpus")
    lo, hi = recs.type.range()
    return [(i, recs[i]) for i in range(lo, hi + 1) if int(recs[i]["self"]) != 0]


def cpu_of(rq):
    for i, c in cpus():
        if int(c["rq"].address) == int(rq):
            return i
    return None


POOLS = {"endpoint": "endpoint_pool", "channel": "channel_pool", "memory": "memobj_pool",
         "irq": "irq_line_pool", "ioport": "ioport_pool", "unit": "unit_pool",
         "thread": "thread_pool", "notification": "notification_pool"}
TYPES = {"endpoint": "struct endpoint", "channel": "struct channel", "memory": "struct memobj",
         "irq": "struct irq_line", "ioport": "struct ioport", "unit": "struct unit",
         "thread": "struct thread", "notification": "struct notification"}


def object_id(kind, kobj_ptr):
    """The object's id as the kernel's pools number it (slot index | generation << 16)."""
    pool = sym(POOLS[kind])
    index = (int(kobj_ptr) - int(pool["slots"])) // int(pool["obj_size"])
    return index | int(kobj_ptr.dereference()["gen"]) << 16


def object_name(kobj_ptr):
    """'endpoint 65539', 'unit 65542 shell', ... for a kernel object pointer."""
    if int(kobj_ptr) == 0:
        return "-"
    kind = CAP_TYPES.get(int(kobj_ptr.dereference()["type"]), "?")
    if kind not in POOLS:
        return "%s @0x%x" % (kind, int(kobj_ptr))
    label = "%s %d" % (kind, object_id(kind, kobj_ptr))
    if kind == "unit":
        u = kobj_ptr.cast(gdb.lookup_type("struct unit").pointer()).dereference()
        label += " " + unit_name(u)
    return label


def object_detail(kind, kobj_ptr):
    """What tells one object of its kind from another: ports, line, device range, budget."""
    if kind == "ioport":
        o = kobj_ptr.cast(gdb.lookup_type("struct ioport").pointer()).dereference()
        return {"base": int(o["base"]), "count": int(o["count"])}
    if kind == "irq":
        o = kobj_ptr.cast(gdb.lookup_type("struct irq_line").pointer()).dereference()
        return {"line": int(o["line"])}
    if kind == "memory":
        o = kobj_ptr.cast(gdb.lookup_type("struct memobj").pointer()).dereference()
        names = [n for n, bit in MEMOBJ_FLAGS.items() if int(o["flags"]) & bit]
        out = {"flags": names, "pages": int(o["pages"])}
        if "DEVICE" in names:
            out.update(base=int(o["base"]), size=int(o["size"]))
        return out
    return {}


MEMOBJ_FLAGS = {k[len("MEMOBJ_"):]: v for k, v in
                header_defines("kernel/include/kernel/memobj.h", "MEMOBJ_").items()
                if k[len("MEMOBJ_"):] in ("BOOT_MODULE", "BUDGET", "FRAMES", "DEVICE",
                                          "FILLING", "DYING", "DEVICE_CONTROL")}


def waits_on(t):
    reason = enum_name(t["block_reason"], "BLOCK_")
    if reason == "none":
        return ""
    obj = t["block_object"]
    if reason in ("ipc_send", "ipc_recv") and int(obj):
        return "%s %s" % (reason, object_name(obj.cast(gdb.lookup_type("struct kobj").pointer())))
    if reason == "ipc_reply" and int(obj):
        return "ipc_reply from %s" % object_name(
            obj.cast(gdb.lookup_type("struct kobj").pointer()))
    return reason


def rights_text(r):
    return "".join(letter if r & bit else "-" for bit, _, letter in CAP_RIGHTS)


def rights_names(r):
    return [name for bit, name, _ in CAP_RIGHTS if r & bit]


class KeelPrefix(gdb.Command):
    """Keel kernel state: keel units | threads [UNIT] | cpus | caps UNIT | user TID|UNIT [ELF] |
    capsnapshot FILE | objects [KIND] | objsnapshot FILE | poke UNIT VA VALUE | trace [N]."""

    def __init__(self):
        super().__init__("keel", gdb.COMMAND_USER, prefix=True)


class KeelCommand(gdb.Command):
    """Base: turns KeelError into a one-line gdb error."""

    def invoke(self, arg, from_tty):
        try:
            self.run(gdb.string_to_argv(arg))
        except KeelError as e:
            raise gdb.GdbError("keel: %s" % e)


class KeelUnits(KeelCommand):
    """Every unit: id, name, state, threads, frames charged, capabilities held."""

    def __init__(self):
        super().__init__("keel units", gdb.COMMAND_USER)

    def run(self, argv):
        print("%-8s %-12s %-8s %7s %7s %5s" % ("ID", "NAME", "STATE", "THREADS", "FRAMES", "CAPS"))
        for u in units():
            state = UNIT_STATES.get(int(u["end_state"]), str(int(u["end_state"])))
            if bool(u["ended"]) and state == "running":
                state = "ending"
            caps = sum(1 for i in range(cap_slots(u)) if int(u["caps"]["slots"][i]["obj"]))
            print("%-8d %-12s %-8s %7d %7d %5d" % (int(u["id"]), unit_name(u), state,
                                                 int(u["thread_count"]), int(u["frames"]), caps))


def cap_slots(u):
    lo, hi = u["caps"]["slots"].type.range()
    return hi - lo + 1


class KeelThreads(KeelCommand):
    """Every thread (or one unit's): id, unit, state, base/effective priority, CPU, waits on.
    A '*' marks the thread running on its CPU now."""

    def __init__(self):
        super().__init__("keel threads", gdb.COMMAND_USER)

    def run(self, argv):
        only = find_unit(argv[0]) if argv else None
        running = {int(c["rq"]["current"]) for _, c in cpus()}
        print("%-8s %-12s %-8s %-8s %3s  %s" % ("TID", "UNIT", "STATE", "PRIO", "CPU", "WAITS ON"))
        for t in pool_objects("thread_pool", "struct thread"):
            u = t["unit"]
            if only is not None and int(u) != int(only.address):
                continue
            cpu = cpu_of(t["rq"])
            mark = "*" if int(t.address) in running else " "
            print("%-8d %-12s %-8s %3d/%-4d %3s%s %s" % (
                int(t["tid"]), unit_name(u.dereference()) if int(u) else "-",
                enum_name(t["state"], "THREAD_"), int(t["base_prio"]), int(t["eff_prio"]),
                "-" if cpu is None else cpu, mark, waits_on(t)))


class KeelCpus(KeelCommand):
    """Every CPU: the thread running there, threads ready, switches, IPIs, interrupts, idle."""

    def __init__(self):
        super().__init__("keel cpus", gdb.COMMAND_USER)

    def run(self, argv):
        print("%-3s %-22s %5s %9s %8s %9s %10s" % ("CPU", "RUNNING", "READY", "SWITCHES",
                                                  "IPIS IN", "IRQS", "IDLE US"))
        for i, c in cpus():
            rq = c["rq"]
            cur = rq["current"]
            if int(cur) == 0:
                running = "-"
            elif int(cur) == int(rq["idle"]):
                running = "idle"
            else:
                t = cur.dereference()
                running = "%d %s" % (int(t["tid"]), unit_name(t["unit"].dereference())
                                     if int(t["unit"]) else "-")
            n = c["counters"]
            print("%-3d %-22s %5d %9d %8d %9d %10d" % (
                i, running, int(rq["ready_count"]), int(rq["stats"]["switches"]),
                int(n["ipis_received"]), int(n["irqs"]), int(n["idle_us"])))


class KeelCaps(KeelCommand):
    """One unit's capabilities: handle, type, rights (RWXGA), badge, the object named."""

    def __init__(self):
        super().__init__("keel caps", gdb.COMMAND_USER)

    def run(self, argv):
        if len(argv) != 1:
            raise KeelError("usage: keel caps UNIT (an id or a name, as keel units prints)")
        u = find_unit(argv[0])
        print("capabilities of unit %d %s" % (int(u["id"]), unit_name(u)))
        print("%-10s %-12s %-6s %-18s %s" % ("HANDLE", "TYPE", "RIGHTS", "BADGE", "OBJECT"))
        for i in range(cap_slots(u)):
            c = u["caps"]["slots"][i]
            if int(c["obj"]) == 0:
                continue
            handle = i | int(c["gen"]) << CAP_INDEX_BITS
            kind = CAP_TYPES.get(int(c["obj"]["type"]), "?")
            print("0x%08x %-12s %-6s 0x%016x %s" % (handle, kind, rights_text(int(c["rights"])),
                                                    int(c["badge"]), object_name(c["obj"])))


def read_u32(addr):
    return int.from_bytes(bytes(gdb.selected_inferior().read_memory(addr, 4)), "little")


def user_to_kernel(pd, va):
    """The kernel (direct-map) address of user address va in page directory pd, or None."""
    pde = read_u32(int(pd) + 4 * (va >> 22))
    if not pde & 1:
        return None
    if pde & 0x80:  # a 4 MiB page
        phys = (pde & 0xffc00000) | (va & 0x3fffff)
    else:
        pte = read_u32(KERNEL_BASE + (pde & ~0xfff) + 4 * ((va >> 12) & 0x3ff))
        if not pte & 1:
            return None
        phys = (pte & ~0xfff) | (va & 0xfff)
    return KERNEL_BASE + phys if phys < LAYOUT["DIRECT_MAP_MAX"] else None


def user_word(pd, va):
    kva = user_to_kernel(pd, va)
    if kva is None:
        raise KeelError("user address 0x%x is not mapped" % va)
    return read_u32(kva)


def describe_pc(pc):
    block_sym = gdb.execute("info symbol 0x%x" % pc, to_string=True).strip()
    where = block_sym.split(" in section")[0] if "No symbol" not in block_sym else "??"
    line = gdb.find_pc_line(pc)
    if line.symtab is not None and line.line:
        where += " at %s:%d" % (os.path.basename(line.symtab.filename), line.line)
    return "0x%08x in %s" % (pc, where)


class KeelUser(KeelCommand):
    """A thread's user state (TID, or a unit's name for its first thread): the registers its
    kernel entry saved and a backtrace through its frame pointers, read through its unit's
    page tables (any CPU, any address space). With ELF, loads that program's symbols
    (add-symbol-file) and symbolizes the frames."""

    def __init__(self):
        super().__init__("keel user", gdb.COMMAND_USER)

    def run(self, argv):
        if len(argv) not in (1, 2):
            raise KeelError("usage: keel user TID|UNIT [ELF]")
        t = next((t for t in pool_objects("thread_pool", "struct thread")
                  if str(int(t["tid"])) == argv[0] or
                  (int(t["unit"]) and unit_name(t["unit"].dereference()) == argv[0])), None)
        if t is None or int(t["unit"]) == 0:
            raise KeelError("no user thread %s (keel threads lists them)" % argv[0])
        if len(argv) == 2:
            gdb.execute("add-symbol-file %s" % argv[1], to_string=True)
        frame_type = gdb.lookup_type("struct trap_frame")
        f = gdb.Value(int(t["kstack_top"]) - frame_type.sizeof).cast(
            frame_type.pointer()).dereference()
        pd = t["unit"]["aspace"]
        sysenter = int(f["error"]) == SYSENTER_FRAME
        esp = int(f["ebp"]) if sysenter else int(f["user_esp"])
        print("thread %d of unit %s: %s" % (int(t["tid"]), unit_name(t["unit"].dereference()),
                                          enum_name(t["state"], "THREAD_")))
        print("entered the kernel by %s: eip 0x%08x esp 0x%08x ebp 0x%08x eax %d" % (
            "sysenter" if sysenter else "int 0x80 or a trap", int(f["eip"]), esp, int(f["ebp"]),
            int(f["eax"])))
        # The first frame: where the system call stub returns to, and its caller's frame.
        if sysenter:  # the stub pushed ebp, ebx, esi, edi and the resume address
            pcs, fp = [user_word(pd, esp), user_word(pd, esp + 20)], user_word(pd, esp + 16)
        else:
            pcs, fp = [int(f["eip"])], int(f["ebp"])
        while fp and len(pcs) < 32 and fp < KERNEL_BASE:
            ra = user_word(pd, fp + 4)
            if ra == 0:
                break
            pcs.append(ra)
            fp = user_word(pd, fp)
        for i, pc in enumerate(pcs):
            print("#%-2d %s" % (i, describe_pc(pc)))


def cap_parent(c, owner):
    """Where capability c was derived from: {unit, handle} (owner: table slot addresses to
    those), {"queued": True} while that capability waits in a channel's queue (a node in no
    table), None for a root."""
    parent = c["parent"]
    if int(parent) == 0:
        return None
    if int(parent["table"]) == 0:
        return {"queued": True}
    where = owner.get(int(parent))
    return None if where is None else {"unit": where[0], "handle": where[1]}


class KeelCapSnapshot(KeelCommand):
    """Writes every unit's capabilities as JSON to FILE: units, the objects named (kind, pool
    id, ports, line or device range), and for each capability its unit, handle, rights,
    badge, object and the capability it was derived from (unit and handle), if any."""

    def __init__(self):
        super().__init__("keel capsnapshot", gdb.COMMAND_USER)

    def run(self, argv):
        import json
        if len(argv) != 1:
            raise KeelError("usage: keel capsnapshot FILE")
        objects, caps, owner = {}, [], {}
        snap = {"units": [], "objects": objects, "caps": caps}
        for u in units():
            state = UNIT_STATES.get(int(u["end_state"]), str(int(u["end_state"])))
            snap["units"].append({"id": int(u["id"]), "name": unit_name(u), "state": state})
            for i in range(cap_slots(u)):
                c = u["caps"]["slots"][i]
                if int(c["obj"]):
                    owner[int(c.address)] = (unit_name(u), i | int(c["gen"]) << CAP_INDEX_BITS)
        for u in units():
            for i in range(cap_slots(u)):
                c = u["caps"]["slots"][i]
                if int(c["obj"]) == 0:
                    continue
                kind = CAP_TYPES.get(int(c["obj"]["type"]), "?")
                key = object_name(c["obj"])
                objects.setdefault(key, dict(kind=kind, **object_detail(kind, c["obj"])))
                caps.append({"unit": unit_name(u), "slot": i,
                             "handle": i | int(c["gen"]) << CAP_INDEX_BITS, "kind": kind,
                             "rights": rights_names(int(c["rights"])), "badge": int(c["badge"]),
                             "object": key, "parent": cap_parent(c, owner)})
        with open(argv[0], "w") as f:
            json.dump(snap, f, indent=1, sort_keys=True)
        print("keel: %d units, %d capabilities, %d objects written to %s" % (
            len(snap["units"]), len(caps), len(objects), argv[0]))


def budget_names():
    """{budget address: the name of the first unit whose budget it is}."""
    names = {}
    for u in units():
        names.setdefault(int(u["budget"]), unit_name(u))
    return names


def budget_owner(memobj_ptr, names=None):
    """The unit whose budget memobj_ptr is, 'kernel' for NULL, or the budget's own id; names
    from budget_names() saves reading every unit again."""
    if int(memobj_ptr) == 0:
        return "kernel"
    name = (budget_names() if names is None else names).get(int(memobj_ptr))
    if name is not None:
        return name
    return "budget %d" % object_id("memory", memobj_ptr.cast(
        gdb.lookup_type("struct kobj").pointer()))


class KeelObjects(KeelCommand):
    """Every kernel pool's use (objects in use of its capacity), or with KIND each object of
    that kind: id, references, frames charged and which unit's budget pays for it."""

    def __init__(self):
        super().__init__("keel objects", gdb.COMMAND_USER)

    def run(self, argv):
        if not argv:
            print("%-14s %6s %9s" % ("KIND", "IN USE", "CAPACITY"))
            for kind, pool_name in sorted(POOLS.items()):
                pool = sym(pool_name)
                cap = int(pool["capacity"])
                print("%-14s %6d %9d" % (kind, cap - int(pool["free_count"]), cap))
            return
        if argv[0] not in POOLS:
            raise KeelError("no kind %r (one of: %s)" % (argv[0], ", ".join(sorted(POOLS))))
        print("%-22s %5s %7s  %s" % ("OBJECT", "REFS", "FRAMES", "PAID BY"))
        names = budget_names()
        for o in pool_objects(POOLS[argv[0]], TYPES[argv[0]]):
            k = o["kobj"]
            ptr = k.address
            print("%-22s %5d %7d  %s" % (object_name(ptr), int(k["refs"]),
                                         int(k["charged_frames"]),
                                         budget_owner(k["charged"], names)))


def alloc_site(kobj):
    """Where the object was allocated as `function+0xOFF (file:line)` (the kernel's
    kobj.alloc_site, the return address in pool_alloc's caller), or None for a kernel without
    that field."""
    if "alloc_site" not in [f.name for f in kobj.type.fields()]:
        return None
    addr = int(kobj["alloc_site"])
    if addr == 0:
        return "0x0"
    line = gdb.find_pc_line(addr - 1)  # a return address: the call is just before it
    where = " (%s:%d)" % (line.symtab.filename, line.line) if line.symtab else ""
    return symbolize(addr) + where


def symbolize(addr):
    """A kernel address as `function+0xOFF` (gdb's `info symbol`), or in hex if unknown."""
    m = re.match(r"(\S+)(?: \+ (\d+))? in section", gdb.execute("info symbol 0x%x" % addr,
                                                                 to_string=True))
    return "%s+0x%x" % (m.group(1), int(m.group(2) or 0)) if m else "0x%x" % addr


def free_frames():
    """The physical memory manager's free frames (both its free lists)."""
    pools = sym("pmm")["pools"]
    lo, hi = pools.type.range()
    return sum(int(pools[i]["free_count"]) for i in range(lo, hi + 1))


def cap_holders():
    """{object address: ["UNIT 0xHANDLE", ...]}: the capabilities naming each object."""
    held = {}
    for u in units():
        for i in range(cap_slots(u)):
            c = u["caps"]["slots"][i]
            if int(c["obj"]):
                held.setdefault(int(c["obj"]), []).append("%s 0x%08x" % (
                    unit_name(u), i | int(c["gen"]) << CAP_INDEX_BITS))
    return held


class KeelPoke(KeelCommand):
    """Writes the 32-bit VALUE at user address VA of UNIT (through its page tables): a test's
    way to hand a stopped program a number (tools/leakcheck --rounds)."""

    def __init__(self):
        super().__init__("keel poke", gdb.COMMAND_USER)

    def run(self, argv):
        if len(argv) != 3:
            raise KeelError("usage: keel poke UNIT VA VALUE")
        u = find_unit(argv[0])
        va, value = int(argv[1], 0), int(argv[2], 0)
        kva = user_to_kernel(u["aspace"], va)
        if kva is None or va % 4:
            raise KeelError("0x%x is not a mapped, aligned word of unit %s" % (va, argv[0]))
        gdb.execute("set var *(unsigned int *)0x%x = %d" % (kva, value & 0xffffffff))
        print("keel: unit %s: 0x%08x = %d" % (unit_name(u), va, value))


class KeelObjSnapshot(KeelCommand):
    """Writes every kernel pool's objects and the free frames as JSON to FILE: what
    tools/leakcheck compares between a baseline and a check."""

    def __init__(self):
        super().__init__("keel objsnapshot", gdb.COMMAND_USER)

    def run(self, argv):
        import json
        if len(argv) != 1:
            raise KeelError("usage: keel objsnapshot FILE")
        snap = {"free_frames": free_frames(), "pools": {}, "objects": [], "budgets": {}}
        names, held = budget_names(), cap_holders()
        for kind in sorted(POOLS):
            pool = sym(POOLS[kind])
            snap["pools"][kind] = {"capacity": int(pool["capacity"]),
                                   "in_use": int(pool["capacity"]) - int(pool["free_count"])}
            for o in pool_objects(POOLS[kind], TYPES[kind]):
                k = o["kobj"]
                oid = object_id(kind, k.address)
                snap["objects"].append({
                    "kind": kind, "id": oid, "slot": oid & 0xffff, "gen": oid >> 16,
                    "name": object_name(k.address), "refs": int(k["refs"]),
                    "frames": int(k["charged_frames"]),
                    "paid_by": budget_owner(k["charged"], names),
                    "held_by": held.get(int(k.address), []),
                    "alloc_site": alloc_site(k)})
        for u in units():
            if int(u["budget"]):
                b = u["budget"].dereference()
                snap["budgets"]["%s %d" % (unit_name(u), int(u["id"]))] = int(b["budget_free"])
        snap["alloc_site_known"] = "alloc_site" in [
            f.name for f in gdb.lookup_type("struct kobj").fields()]
        with open(argv[0], "w") as f:
            json.dump(snap, f, indent=1, sort_keys=True)
        print("keel: %d objects, %d free frames written to %s" % (
            len(snap["objects"]), snap["free_frames"], argv[0]))


# The trace rings (<keel/abi.h>, "Tracing"): event and syscall names from the ABI header.
TRACE_EVENTS = {v: k[len("TRACE_EV_"):].lower() for k, v in header_defines(ABI, "TRACE_EV_").items()}
SYSCALLS = {v: k[len("SYS_"):].lower() for k, v in header_defines(ABI, "SYS_").items()
            if k != "SYS_COUNT"}
WAITS = {2: "sleep", 3: "send", 4: "receive", 5: "reply"}
TRACE_ARG_NAMES = {"ipc_send": ("object", "badge", "type", "length"),
                   "ipc_recv": ("from", "to", "type", "length"),
                   "ipc_reply": ("from", "to", "type", "length"),
                   "pi": ("thread", "prio", "was", "raised"), "irq": ("line", None, None, None),
                   "irq_notify": ("line", "notification", "bits", None),
                   "fault": ("vector", "eip", "error", "address"),
                   "unit_end": ("unit", "how", "status", None),
                   "thread_start": ("thread", "unit", "prio", None),
                   "thread_end": ("thread", "unit", None, None),
                   "sample": ("frames", "eip", "frame1", "frame2"),
                   "sample_more": ("frame", "frame", "frame", "frame")}
HEX_ARGS = {"object", "badge", "type", "notification", "bits", "eip", "error", "address",
            "frames", "frame", "frame1", "frame2"}


def trace_args(kind, a):
    """An event's arguments in words (the ABI's TRACE_EV_* comments)."""
    if kind in ("syscall", "syscall_exit"):
        name = SYSCALLS.get(a[0], "#%d" % a[0])
        if kind == "syscall":
            return "%s(0x%x, 0x%x, 0x%x)" % (name, a[1], a[2], a[3])
        return "%s -> %d" % (name, a[1] - (1 << 32) if a[1] >= 1 << 31 else a[1])
    if kind == "switch":
        why = {1: "ready", 4: "dead"}.get(a[2], "waits for %s" % WAITS.get(a[2] >> 8, "?"))
        return "%d -> %d (%s), prio %d" % (a[0], a[1], why, a[3])
    names = TRACE_ARG_NAMES.get(kind)
    if names:
        return " ".join("%s %s" % (n, "0x%x" % x if n in HEX_ARGS else x)
                        for n, x in zip(names, a) if n)
    if kind == "unit_start":
        name = b"".join(w.to_bytes(4, "little") for w in a[1:]).split(b"\0")[0]
        return "unit %d %s" % (a[0], name.decode("utf-8", "replace"))
    return " ".join("0x%x" % x for x in a)


class KeelTrace(KeelCommand):
    """Whether the kernel traces; each CPU's ring (written, taken, dropped); its last N
    events (default 20), merged by time stamp, oldest first."""

    def __init__(self):
        super().__init__("keel trace", gdb.COMMAND_USER)

    def run(self, argv):
        if len(argv) > 1 or (argv and not argv[0].isdigit()):
            raise KeelError("usage: keel trace [N] (the last N events, default 20)")
        want = int(argv[0]) if argv else 20
        rings, st = sym("trace_rings"), sym("trace_state")
        slots = int(rings["h"]["slots"])
        print("tracing is %s; %d events per CPU ring" % (
            "on" if bool(sym("trace_enabled")) else "off", slots))
        events = []
        for i, _ in cpus():
            c = rings["cpu"][i]
            head, tail = int(st[i]["head"]), int(c["tail"])
            print("cpu %d: %d written, %d taken, %d dropped" % (i, head, tail,
                                                                int(st[i]["dropped"])))
            for n in range(max(0, head - min(want, slots)), head):
                events.append(rings["ev"][i][n % slots])
        events.sort(key=lambda e: int(e["tsc"]))
        hz = int(rings["h"]["cycle_hz"]) or 1
        last = int(events[-1]["tsc"]) if events else 0
        print("%12s %3s %8s  %-12s %s" % ("US BEFORE", "CPU", "THREAD", "EVENT", "ARGS"))
        for e in events[-want:]:
            kind = TRACE_EVENTS.get(int(e["type"]), "#%d" % int(e["type"]))
            a = [int(e["arg"][k]) for k in range(4)]
            print("%12.1f %3d %8d  %-12s %s" % ((last - int(e["tsc"])) * 1e6 / hz, int(e["cpu"]),
                                               int(e["thread"]), kind, trace_args(kind, a)))


KeelPrefix()
KeelUnits()
KeelThreads()
KeelCpus()
KeelCaps()
KeelUser()
KeelCapSnapshot()
KeelObjects()
KeelObjSnapshot()
KeelPoke()
KeelTrace()
