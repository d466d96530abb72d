"""Facts for the generated malformed-message tests: a valid sample per message and struct, and
the single-field corruptions (enum out of range, bool not 0/1, length prefix over its bound,
nonzero unused bytes, nonzero padding) a receiver must reject. The values come from the types
(types.py: c_sample, bad_values)."""

from .types import ArrayType

MAX_PATH = 48  # leaf paths label test cases; longer ones end in "..."


def leaves(t, offset, path, max_depth=None):
    """(path, offset, type) of every leaf value inside t, in layout order; arrays contribute
    their first element only (the others are alike). Iterative, with paths cut at MAX_PATH,
    so deep chains of structs cost time linear in their depth. With max_depth, values nested
    deeper than that are not visited."""
    out, stack = [], [(t, offset, path, 0)]
    while stack:
        t, off, p, depth = stack.pop()
        inner = t.inner()
        if not inner:
            out.append((p, off, t))
            continue
        if max_depth is not None and depth >= max_depth:
            continue
        for rel, suffix, sub in reversed(inner):
            q = p if p.endswith("...") else (p + suffix if len(p) < MAX_PATH else p + "...")
            stack.append((sub, off + rel, q, depth + 1))
    return out


def padding_ranges(block, base=0, max_depth=None):
    """Every padding range of a block, including those inside nested structs and arrays (no
    deeper than max_depth levels, if given)."""
    out = [(base + o, n) for o, n in block.padding]
    stack = [(s.type, base + s.offset, 1) for s in block.slots]
    while stack:
        t, off, depth = stack.pop()
        if max_depth is not None and depth > max_depth:
            continue
        if isinstance(t, ArrayType):
            if t.elem.inner() or t.elem.padding():
                stack.extend((t.elem, off + e, depth) for e in t.element_offsets())
            continue
        out += [(off + o, n) for o, n in t.padding()]
        stack.extend((sub, off + rel, depth + 1) for rel, _, sub in t.inner())
    return sorted(out)


MAX_PADDING_CASES = 16
STRUCT_DEPTH = 4  # a struct's own test corrupts values this deep; messages go all the way


def _top(iface):
    used = ({m.ordinal for m in iface.methods} | {e.ordinal for e in iface.events}
            | {o for o, _ in iface.reserved} | {0})
    return max(used) + 1


def unknown_ordinals(iface):
    """Ordinals a server must answer with ERR_NOSYS: 0, every reserved one, every event (an
    event is never a request), and the largest used + 1."""
    out = {0} | {o for o, _ in iface.reserved} | {e.ordinal for e in iface.events}
    top = _top(iface)
    return sorted(out | ({top} if top <= 0xFFFF else set()))


def non_event_ordinals(iface):
    """Ordinals a client must reject on its event channel: 0, every method and reserved
    ordinal, and the largest used + 1."""
    out = {0} | {o for o, _ in iface.reserved} | {m.ordinal for m in iface.methods}
    top = _top(iface)
    return sorted(out | ({top} if top <= 0xFFFF else set()))


class Sampler:
    """Gives every field a valid, deterministic value (see types.Type.c_sample). inline:
    spell out struct fields (code for people) instead of calling the generated test's
    per-struct sample functions."""

    def __init__(self, cx, caps=False, inline=False):
        self.cx, self.k, self.caps, self.inline, self.nesting = cx, 0, caps, inline, 0


def corruptions(block, max_depth=None):
    """[(label, offset, width, value)]: each makes the sample invalid on its own."""
    out = []
    for slot in block.slots:
        for path, off, t in leaves(slot.type, slot.offset, slot.name, max_depth):
            out += t.bad_values(path, off)
    for off, n in padding_ranges(block, max_depth=max_depth)[:MAX_PADDING_CASES]:
        out.append((f"padding at {off}", off + n - 1, 1, 1))
    return out


def has_corruptions(block):
    """True if corruptions(block) lists anything."""
    return bool(corruptions(block))


def sample(fctx, fields, prefix, caps):
    """C statements giving fields valid values; prefix is `req.`, `v->`..."""
    sampler = Sampler(fctx.cx, caps=caps)
    lines = []
    for fl in fields:
        lines += fl.type.c_sample(sampler, prefix + fl.name)
    return "\n".join("\t" + s for s in lines)


def method_tests(fctx, m, req):
    rsampler = Sampler(fctx.cx, caps=True)
    results = []
    for k, fl in enumerate(m.results or [], start=len(m.params)):
        name = f"idl_p{k}"
        lval = name if fl.type.kind == "array" else f"(*{name})"
        results += fl.type.c_sample(rsampler, lval)
    return {"sample": sample(fctx, m.params, "req.", caps=True),
            "results": "\n".join("\t" + s for s in results),
            "corruptions": corruptions(req.block)}


def event_tests(fctx, e, msg):
    return {"sample": sample(fctx, e.params, "event.", caps=True),
            "corruptions": corruptions(msg.block)}


def struct_tests(fctx, s):
    return {"sample": sample(fctx, s.fields, "v->", caps=False),
            "corruptions": corruptions(s.type.block, STRUCT_DEPTH)}
