"""The ABI facts the generator depends on, read from the one ABI header
(kernel/abi/include/keel/abi.h) instead of being copied: capability types, rights, message
sizes, error codes and the C names the header declares. Generated headers repeat the values
they were generated for as _Static_asserts, so C compiled against a different header fails to
build instead of misbehaving."""

import os
import re

from .errors import IdlError

HEADER = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(
    __file__)))), "kernel", "abi", "include", "keel", "abi.h")

_DEFINE = re.compile(r"^#define\s+([A-Z0-9_]+)\s+(.*?)\s*(?:/\*.*)?$", re.M)
_FUNCTION = re.compile(r"^[a-z_][a-z0-9_ ]*\b([a-z_][a-z0-9_]*)\(", re.M)
_TYPEDEF = re.compile(r"^typedef\s[^;]*\b([a-z_][a-z0-9_]*);", re.M)
_STRUCT = re.compile(r"^struct\s+([a-z_][a-z0-9_]*)\s*\{", re.M)


def _int(text):
    """Value of a simple macro body: 256, (-5), (1u << 3), 0x1fu; None for anything else."""
    text = text.strip()
    m = re.fullmatch(r"\(\s*1u?\s*<<\s*(\d+)\s*\)", text)
    if m:
        return 1 << int(m.group(1))
    m = re.fullmatch(r"\(?\s*(-?(?:0x[0-9a-fA-F]+|\d+))u?\s*\)?", text)
    return int(m.group(1), 0) if m else None


class Abi:
    """Everything the generator takes from abi.h."""

    def __init__(self, text, path=HEADER):
        defines = {n: _int(v) for n, v in _DEFINE.findall(text)}
        self.path = path

        def need(name):
            if defines.get(name) is None:
                raise IdlError("E0900", f"{path} does not define {name} as an integer; the "
                               "generator cannot know the ABI")
            return defines[name]

        self.data_bytes = need("IPC_DATA_BYTES")
        self.max_caps = need("IPC_MAX_CAPS")
        self.rights_all = need("CAP_RIGHTS_ALL")
        self.cap_types = {n[len("CAP_TYPE_"):].lower(): v for n, v in defines.items()
                          if n.startswith("CAP_TYPE_") and v is not None
                          and n not in ("CAP_TYPE_NONE", "CAP_TYPE_COUNT")}
        self.rights = {n[len("CAP_RIGHT_"):]: v for n, v in defines.items()
                       if n.startswith("CAP_RIGHT_") and v is not None}
        self.errors = {n: v for n, v in defines.items()
                       if n.startswith("ERR_") and v is not None}
        if not self.cap_types or not self.rights or "ERR_OK" not in self.errors:
            raise IdlError("E0900", f"{path} lacks capability types, rights or error codes")
        self.c_names = (set(_FUNCTION.findall(text)) | set(_TYPEDEF.findall(text))
                        | set(_STRUCT.findall(text)))

    def rights_mask(self, names):
        mask = 0
        for n in names:
            mask |= self.rights[n]
        return mask

    def rights_list(self, mask):
        """Names of the rights in mask, in the header's order (lowest bit first)."""
        return [n for n, bit in sorted(self.rights.items(), key=lambda kv: kv[1]) if mask & bit]

    def rights_text(self, mask):
        return "|".join(self.rights_list(mask))

    def rights_c(self, mask):
        """A C expression for a rights mask: CAP_RIGHT_READ | CAP_RIGHT_WRITE, or 0u."""
        parts = ["CAP_RIGHT_" + n for n in self.rights_list(mask)]
        return " | ".join(parts) if parts else "0u"

    def static_asserts(self):
        """(C expression, value) pairs generated code checks against the header it is built
        with: every constant whose value idlc baked into the generated code."""
        out = [("IPC_DATA_BYTES", self.data_bytes), ("IPC_MAX_CAPS", self.max_caps),
               ("CAP_RIGHTS_ALL", self.rights_all)]
        out += [(f"CAP_TYPE_{n.upper()}", v) for n, v in sorted(self.cap_types.items(),
                                                                 key=lambda kv: kv[1])]
        out += [(f"CAP_RIGHT_{n}", v) for n, v in sorted(self.rights.items(),
                                                         key=lambda kv: kv[1])]
        return out


_CACHE = {}


def load(path=HEADER):
    if path not in _CACHE:
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except OSError as exc:
            raise IdlError("E0900", f"cannot read the ABI header {path}: {exc}") from None
        _CACHE[path] = Abi(text, path)
    return _CACHE[path]
