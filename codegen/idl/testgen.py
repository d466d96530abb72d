"""Facts for the generated malformed-message tests: a valid sample request per method and the
list of single-byte-field corruptions (enum out of range, bool not 0/1, length prefix over its
bound, nonzero unused bytes, nonzero padding) the server must reject."""

from . import ast, cnames, layout
from .cemit import C_INT, int_name

MAX_PADDING_CASES = 16


def unknown_ordinals(iface):
    """Ordinals the server must answer with ERR_NOSYS: 0, every reserved one, and max + 1."""
    reserved = {o for o, _ in iface.reserved}
    top = max({m.ordinal for m in iface.methods} | reserved | {0}) + 1
    return sorted(reserved | {0} | ({top} if top <= 0xFFFF else set()))


def sample_value(it, k):
    lo, hi = ast.int_range(it)
    v = (0x5A + 37 * k) % (hi + 1 if lo == 0 else 100)
    return -v - 1 if lo < 0 and k % 2 else v


class Sampler:
    """Emits C statements giving every field of a request a valid, deterministic value."""

    def __init__(self, fctx, caps=False):
        self.fctx, self.k, self.caps = fctx, 0, caps

    def assign(self, t, lval, depth=0):
        it = int_name(t)
        if t.kind == "named" and isinstance(t.decl, ast.Enum):
            return [f"{lval} = {cnames.enum_member(self.fctx.f, t.decl, t.decl.members[0])};"]
        if it:
            self.k += 1
            return [f"{lval} = ({C_INT[it]})({sample_value(it, self.k)}ll);"]
        if t.kind == "prim":
            return [f"{lval} = true;"]
        if t.kind == "named":
            out = []
            for fl in t.decl.fields:
                out += self.assign(fl.type, f"{lval}.{fl.name}", depth)
            return out
        if t.kind in ("string", "bytes"):
            n = max(1, t.bound.resolved // 2)  # a loop to 0 trips -Wtype-limits
            fill = "'a' + (char)(i % 26u)" if t.kind == "string" else "(uint8_t)(i * 7u + 1u)"
            return [f"{lval}.len = {n};",
                    f"for (uint32_t i = 0; i < {n}u; i++)", f"\t{lval}.data[i] = {fill};"]
        if t.kind == "cap":
            cap_type = "CAP_TYPE_" + t.name.upper()
            return [f"{lval} = fake_cap_new({cap_type}, CAP_RIGHTS_ALL);"] if self.caps else []
        i = f"i{depth}"
        body = self.assign(t.elem, f"{lval}[{i}]", depth + 1)
        return [f"for (uint32_t {i} = 0; {i} < {t.bound.resolved}u; {i}++) {{"] + \
            ["\t" + b for b in body] + ["}"]


def corruptions(fctx, msg):
    """[(label, offset, width, value)]: each makes the sample request invalid on its own."""
    out = []
    for slot in msg.block.slots:
        for path, off, t in layout.leaves(slot.type, slot.offset, slot.name):
            out += leaf_corruptions(path, off, t)
    pads = layout.padding_ranges(msg.block)
    for off, n in pads[:MAX_PADDING_CASES]:
        out.append((f"padding at {off}", off + n - 1, 1, 1))
    return out


def leaf_corruptions(path, off, t):
    if t.kind == "named" and isinstance(t.decl, ast.Enum):
        bad = bad_enum_value(t.decl)
        if bad is None:
            return []
        size = ast.INT_TYPES[t.decl.underlying.name][0]
        return [(f"{path} out of range", off, size, bad % (1 << (8 * size)))]
    if t.kind == "prim" and t.name == "bool":
        return [(f"{path} not 0 or 1", off, 1, 2)]
    if t.kind in ("string", "bytes"):
        n = t.bound.resolved
        out = [(f"{path} unused byte", off + n, 1, 0x55)]
        if n < 255:
            out.append((f"{path} length over bound", off, 1, n + 1))
        return out
    return []


def bad_enum_value(e):
    lo, hi = ast.int_range(e.underlying.name)
    values = {m.value for m in e.members}
    if max(values) < hi:
        return max(values) + 1
    if min(values) > lo:
        return min(values) - 1
    for v in range(lo, hi + 1):
        if v not in values:
            return v
    return None


def method_tests(fctx, m, req):
    sampler = Sampler(fctx)
    sample = []
    for fl in m.params:
        sample += sampler.assign(fl.type, f"req.{fl.name}")
    results = []
    rsampler = Sampler(fctx, caps=True)
    for fl in m.results or []:
        lval = fl.name if fl.type.kind == "array" else f"(*{fl.name})"
        results += rsampler.assign(fl.type, lval)
    return {"sample": "\n".join("\t" + s for s in sample),
            "results": "\n".join("\t" + s for s in results),
            "corruptions": corruptions(fctx, req), "caps": len(req.caps)}
