"""Diagnostics for idlc: stable error ids, source files, locations and caret-marked reports.

Every user-facing failure is an IdlError carrying an id from ERRORS; the CLI prints it as
`file:line:col: error E0103 unknown-attribute: message`, the source line and a caret underline.
Locations are cheap to make: a Loc holds a token index or a character offset and turns it into
a line and column only when a diagnostic is printed.
"""

import bisect
import re

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
    "E0227": "missing-reply",
    # Layout
    "E0301": "message-too-large",
    "E0302": "too-many-caps",
    # Files and tools
    "E0401": "cannot-read-file",
    "E0402": "bad-lock-file",
    "E0403": "incompatible-change",
    "E0404": "cannot-write-file",
    "E0405": "bad-registry",
    "E0900": "internal-error",
}

# Characters a source file may not contain anywhere, comments included: C0 controls other than
# tab and line breaks, DEL, and the bidirectional controls that make text read differently
# from how compilers see it ("trojan source"); gcc warns about the latter inside comments.
FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_SHOWN_ESCAPED = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


def escape_char(c):
    """How a character that must not be printed raw is shown: \\x00, \\u202e."""
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def escape_line(text):
    return _SHOWN_ESCAPED.sub(lambda m: escape_char(m.group(0)), text)


class Source:
    """The text of one file (line breaks already normalized to \\n) and the tokens the lexer
    found in it. Offsets of tokens are computed only when a location must be printed."""

    def __init__(self, path, text):
        self.path, self.text = path, text
        self.tokens = None  # set by the lexer: every token's text, comments included
        self._offsets = None
        self._line_starts = None

    def token_offset(self, index):
        if self._offsets is None:
            from .lexer import token_offsets
            self._offsets = token_offsets(self.text)
        if index >= len(self._offsets):
            return len(self.text)
        return self._offsets[index]

    def line_col(self, offset):
        if self._line_starts is None:
            starts = [0]
            find, text = self.text.find, self.text
            pos = find("\n")
            while pos >= 0:
                starts.append(pos + 1)
                pos = find("\n", pos + 1)
            self._line_starts = starts
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def line_text(self, line):
        start = self._line_starts[line - 1]
        end = self.text.find("\n", start)
        return self.text[start:] if end < 0 else self.text[start:end]


class Loc(tuple):
    """A place in a source: (src, token, end token, offset, length). A token location names
    token `tok` (through `end_tok`); an offset location names `length` characters from
    `offset`. line, col and length are worked out on demand. A tuple, so that the parser can
    make hundreds of thousands of them cheaply: Loc((src, tok, None, None, 1))."""

    __slots__ = ()

    @staticmethod
    def at(src, tok=None, end_tok=None, offset=None, length=1):
        return Loc((src, tok, end_tok, offset, length))

    @property
    def src(self):
        return self[0]

    @property
    def tok(self):
        return self[1]

    @property
    def offset(self):
        return self[3]

    def start(self):
        return self[0].token_offset(self[1]) if self[3] is None else self[3]

    @property
    def path(self):
        return self[0].path

    @property
    def line(self):
        return self[0].line_col(self.start())[0]

    @property
    def col(self):
        return self[0].line_col(self.start())[1]

    @property
    def length(self):
        src, tok, end_tok, offset, length = self
        if offset is not None:
            return max(1, length)
        toks = src.tokens
        if tok >= len(toks):
            return 1
        last = min(tok if end_tok is None else end_tok, len(toks) - 1)
        end = src.token_offset(last) + len(toks[last])
        return max(1, end - self.start())

    def __repr__(self):
        return f"{self.path}:{self.line}:{self.col}"


class IdlError(Exception):
    """A diagnosable error: an id from ERRORS, a message and an optional location."""

    def __init__(self, code, message, loc=None):
        assert code in ERRORS, code
        super().__init__(message)
        self.code, self.message, self.loc = code, message, loc

    def render(self):
        head = f"error {self.code} {ERRORS[self.code]}: {escape_line(self.message)}"
        if self.loc is None:
            return f"idlc: {head}\n"
        loc = self.loc
        line, col = loc.line, loc.col
        out = f"{loc.path}:{line}:{col}: {head}\n"
        src = loc.src.line_text(line).replace("\t", " ")
        shown = escape_line(src)
        width = max(1, min(loc.length, len(src) - col + 1))
        before = len(escape_line(src[:col - 1]))
        marked = max(1, len(escape_line(src[col - 1:col - 1 + width])))
        out += f"  {line:4d} | {shown}\n"
        out += "       | " + " " * before + "^" + "~" * (marked - 1) + "\n"
        return out
