"""Diagnostics of the manifest compiler: stable error ids, locations and caret-marked reports
in idlc's style (`path:line:col: error M0301 unknown-unit: message`, the line, a caret).
An error may carry notes: further located lines (the other side of a conflict, the edges of
a cycle), each printed the same way after the error."""

ERRORS = {
    # Syntax
    "M0101": "unexpected-token",
    "M0102": "unknown-keyword",
    "M0103": "bad-number",
    "M0104": "duplicate-unit",
    "M0105": "missing-setting",
    "M0106": "duplicate-setting",
    "M0107": "bad-name",
    "M0108": "unclosed-unit",
    "M0109": "reserved-name",
    "M0110": "unknown-right",
    # Values
    "M0201": "priority-out-of-range",
    "M0202": "max-below-priority",
    "M0203": "value-out-of-range",
    "M0204": "bad-ioport-range",
    "M0205": "bad-devmem-range",
    "M0206": "bad-irq-line",
    "M0207": "too-many-caps",
    "M0208": "duplicate-cap-name",
    "M0209": "too-many-units",
    "M0210": "over-kernel-pool",
    # References to programs and interfaces
    "M0301": "unknown-unit",
    "M0302": "unknown-program",
    "M0303": "unknown-interface",
    "M0304": "unknown-method",
    "M0305": "not-served",
    "M0306": "insufficient-rights",
    "M0307": "no-method-allowed",
    "M0308": "unused-program",
    # Device resources given twice
    "M0401": "ioport-conflict",
    "M0402": "devmem-conflict",
    "M0403": "irq-conflict",
    # The call graph
    "M0501": "priority-inversion",
    "M0502": "call-cycle",
    # Files and the command line
    "M0601": "cannot-read-file",
    "M0602": "cannot-write-file",
    "M0603": "duplicate-interface",
    "M0604": "bad-program-list",
    "M0900": "internal-error",
}


class Loc:
    """A place in a manifest: 1-based line and column and the length to underline."""

    __slots__ = ("src", "line", "col", "length")

    def __init__(self, src, line, col, length=1):
        self.src, self.line, self.col, self.length = src, line, col, max(1, length)

    def __repr__(self):
        return f"{self.src.path}:{self.line}:{self.col}"


class Source:
    """One manifest file: its path as shown and its lines (line breaks normalized)."""

    def __init__(self, path, text):
        self.path, self.text = path, text
        self.lines = text.split("\n")

    def line_text(self, line):
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""


def _show(kind, message, loc):
    """One located report: head line, the source line and a caret under loc."""
    out = f"{loc.src.path}:{loc.line}:{loc.col}: {kind}: {message}\n"
    text = loc.src.line_text(loc.line).replace("\t", " ")
    width = max(1, min(loc.length, len(text) - loc.col + 1))
    out += f"  {loc.line:4d} | {text}\n"
    out += "       | " + " " * (loc.col - 1) + "^" + "~" * (width - 1) + "\n"
    return out


class ManifestError(Exception):
    """A diagnosable error: an id from ERRORS, a message, an optional location and notes
    [(message, loc)]."""

    def __init__(self, code, message, loc=None, notes=()):
        assert code in ERRORS, code
        super().__init__(message)
        self.code, self.message, self.loc, self.notes = code, message, loc, list(notes)

    def render(self):
        head = f"error {self.code} {ERRORS[self.code]}"
        if self.loc is None:
            out = f"manifest: {head}: {self.message}\n"
        else:
            out = _show(head, self.message, self.loc)
        for message, loc in self.notes:
            out += _show("note", message, loc)
        return out
