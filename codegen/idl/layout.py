"""Wire layout of messages and the generate-time proof that every request, reply and event
fits the ABI's message (IPC_DATA_BYTES data bytes, IPC_MAX_CAPS capabilities).

Rules (docs/idl.md, "Wire format"): a request's or event's data starts at offset 0, a reply's
after an i32 status at offset 0; fields follow in declaration order, each at the next multiple
of its alignment (types.layout_fields); capabilities travel in cap slots 0.. in declaration
order and take no data bytes.
"""

from dataclasses import dataclass, field
from typing import List

from . import ast
from .errors import IdlError
from .types import Block, layout_fields

STATUS_SIZE = 4
DIRECTIONS = {"request": "req", "reply": "resp", "event": "event"}


@dataclass(slots=True)
class Message:
    method: object  # ast.Method or ast.Event
    direction: str  # "request" | "reply" | "event"
    block: Block
    caps: list  # [(slot, Field)]
    length: int = 0
    fields: List[ast.Field] = field(default_factory=list)


def message(owner, direction):
    fields = owner.params if direction != "reply" else (owner.results or [])
    start = STATUS_SIZE if direction == "reply" else 0
    blk = layout_fields([(f.name, f.type) for f in fields], start, False)
    caps = list(enumerate(f for f in fields if f.type.is_cap))
    return Message(owner, direction, blk, caps, max(blk.size, start), fields)


def prove(iface, owner, msg, abi):
    """E0301/E0302 unless msg fits the ABI's message."""
    where = f"{msg.direction} of {iface.name}.{owner.name}"
    if msg.length > abi.data_bytes:
        raise IdlError("E0301", f"{where} needs {msg.length} bytes in the worst case, "
                       f"{msg.length - abi.data_bytes} over the {abi.data_bytes}-byte limit",
                       owner.loc)
    if len(msg.caps) > abi.max_caps:
        raise IdlError("E0302", f"{where} carries {len(msg.caps)} capabilities, "
                       f"{len(msg.caps) - abi.max_caps} over the limit of {abi.max_caps}",
                       owner.loc)


def messages(iface, abi):
    """Every request and reply of an interface in ordinal order, proven to fit."""
    out = []
    for m in sorted(iface.methods, key=lambda m: m.ordinal):
        for d in (("request",) if m.oneway else ("request", "reply")):
            msg = message(m, d)
            prove(iface, m, msg, abi)
            out.append(msg)
    return out


def event_messages(iface, abi):
    """Every event of an interface in ordinal order, proven to fit."""
    out = []
    for e in sorted(iface.events, key=lambda e: e.ordinal):
        msg = message(e, "event")
        prove(iface, e, msg, abi)
        out.append(msg)
    return out


def message_extent(types, start):
    """(length, capabilities) of a message with fields of these types after `start` bytes."""
    off, caps = start, 0
    for t in types:
        if t.is_cap:
            caps += 1
            continue
        a = t.align
        off = (off + a - 1) // a * a + t.size
    return max(off, start), caps


def prove_file(f, abi):
    """The proof alone, without building layouts: E0301/E0302 unless every request, reply
    and event fits. Messages with the same field types share one computation."""
    memo = {}
    for i in f.of(ast.Interface):
        owners = [(m, "request", m.params) for m in i.methods]
        owners += [(m, "reply", m.results) for m in i.methods if not m.oneway]
        owners += [(e, "event", e.params) for e in i.events]
        for owner, direction, fields in sorted(owners, key=lambda o: o[0].ordinal):
            start = STATUS_SIZE if direction == "reply" else 0
            key = (start,) + tuple(id(fl.type) for fl in fields)
            extent = memo.get(key)
            if extent is None:
                extent = memo[key] = message_extent([fl.type for fl in fields], start)
            if extent[0] > abi.data_bytes or extent[1] > abi.max_caps:
                prove(i, owner, message(owner, direction), abi)


def of(f):
    """{interface name: (messages, event messages)} of a checked file, built on first use."""
    if f.layout is None:
        f.layout = {i.name: (messages(i, f.abi), event_messages(i, f.abi))
                    for i in f.of(ast.Interface)}
    return f.layout
