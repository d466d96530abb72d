"""Diagnostics for idlc: stable error ids, source locations and caret-marked reports.

Every user-facing failure is an IdlError carrying an id from ERRORS; the CLI prints it as
`file:line:col: error E0103 unknown-attribute: message`, the source line and a caret underline.
"""

ERRORS = {
    # Lexical
    "E0001": "unexpected-character",
    "E0002": "bad-number",
    "E0003": "number-out-of-range",
    "E0004": "misplaced-doc-comment",
    # Syntax
    "E0101": "unexpected-token",
    "E0102": "unknown-keyword",
    "E0103": "unknown-attribute",
    "E0104": "bad-attribute-argument",
    "E0105": "duplicate-attribute",
    "E0106": "missing-library",
    "E0107": "bad-library-name",
    # Semantics
    "E0201": "duplicate-name",
    "E0202": "unknown-type",
    "E0203": "duplicate-ordinal",
    "E0204": "ordinal-out-of-range",
    "E0205": "missing-interface-id",
    "E0206": "interface-id-out-of-range",
    "E0207": "duplicate-interface-id",
    "E0208": "missing-version",
    "E0209": "bad-underlying-type",
    "E0210": "value-out-of-range",
    "E0211": "duplicate-enum-value",
    "E0212": "empty-declaration",
    "E0213": "bad-bound",
    "E0214": "unknown-constant",
    "E0215": "error-not-enum",
    "E0216": "error-value-not-positive",
    "E0217": "oneway-with-reply",
    "E0218": "cap-not-allowed-here",
    "E0219": "unknown-cap-type",
    "E0220": "unknown-right",
    "E0221": "duplicate-right",
    "E0222": "recursive-struct",
    "E0223": "c-name-collision",
    "E0224": "bad-identifier",
    "E0225": "version-out-of-range",
    "E0226": "nesting-too-deep",
    # Layout
    "E0301": "message-too-large",
    "E0302": "too-many-caps",
    # Files and tools
    "E0401": "cannot-read-file",
    "E0402": "bad-lock-file",
    "E0403": "incompatible-change",
    "E0900": "internal-error",
}


class Loc:
    """A position in a source file: 1-based line and column, plus the span length to mark."""

    __slots__ = ("path", "line", "col", "length")

    def __init__(self, path, line, col, length=1):
        self.path, self.line, self.col, self.length = path, line, col, max(1, length)

    def __repr__(self):
        return f"{self.path}:{self.line}:{self.col}"


class IdlError(Exception):
    """A diagnosable error: an id from ERRORS, a message and an optional location."""

    def __init__(self, code, message, loc=None):
        assert code in ERRORS, code
        super().__init__(message)
        self.code, self.message, self.loc = code, message, loc

    def render(self, sources):
        """Formats the error; sources maps path -> text so the offending line can be shown."""
        head = f"error {self.code} {ERRORS[self.code]}: {self.message}"
        if self.loc is None:
            return f"idlc: {head}\n"
        loc = self.loc
        out = f"{loc.path}:{loc.line}:{loc.col}: {head}\n"
        text = sources.get(loc.path)
        if text is None:
            return out
        lines = text.split("\n")
        if 1 <= loc.line <= len(lines):
            src = lines[loc.line - 1].replace("\t", " ")
            width = max(1, min(loc.length, len(src) - loc.col + 1))
            out += f"  {loc.line:4d} | {src}\n"
            out += "       | " + " " * (loc.col - 1) + "^" + "~" * (width - 1) + "\n"
        return out
