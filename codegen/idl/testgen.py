"""Facts for the generated malformed-message tests: a valid sample message per method and the
list of single-field corruptions (enum out of range, bool not 0/1, length prefix over its
bound, nonzero unused bytes, nonzero padding) the receiver must reject. The values come from
the types (types.py: c_sample, bad_values)."""

from .types import leaves, padding_ranges

MAX_PADDING_CASES = 16


def unknown_ordinals(iface):
    """Ordinals the server must answer with ERR_NOSYS: 0, every reserved one, and max + 1."""
    reserved = {o for o, _ in iface.reserved}
    top = max({m.ordinal for m in iface.methods} | reserved | {0}) + 1
    return sorted(reserved | {0} | ({top} if top <= 0xFFFF else set()))


class Sampler:
    """Gives every field a valid, deterministic value (see types.Type.c_sample)."""

    def __init__(self, cx, caps=False):
        self.cx, self.k, self.caps = cx, 0, caps


def corruptions(msg):
    """[(label, offset, width, value)]: each makes the sample message invalid on its own."""
    out = []
    for slot in msg.block.slots:
        for path, off, t in leaves(slot.type, slot.offset, slot.name):
            out += t.bad_values(path, off)
    pads = padding_ranges(msg.block)
    for off, n in pads[:MAX_PADDING_CASES]:
        out.append((f"padding at {off}", off + n - 1, 1, 1))
    return out


def method_tests(fctx, m, req):
    sampler = Sampler(fctx.cx)
    sample = []
    for fl in m.params:
        sample += fl.type.c_sample(sampler, f"req.{fl.name}")
    results = []
    rsampler = Sampler(fctx.cx, caps=True)
    for fl in m.results or []:
        lval = fl.name if fl.type.kind == "array" else f"(*{fl.name})"
        results += fl.type.c_sample(rsampler, lval)
    return {"sample": "\n".join("\t" + s for s in sample),
            "results": "\n".join("\t" + s for s in results),
            "corruptions": corruptions(req), "caps": len(req.caps)}
