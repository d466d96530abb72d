"""Lexer for the Keel IDL: turns source text into tokens with locations.

Comments are `//` to end of line; `///` doc comments become DOC tokens so the parser can attach
them to the next declaration. Identifiers, integers (decimal or 0x, optionally negative), and
the punctuation `; : , . { } ( ) < > | = @ ->` are the only other tokens.
"""

from .errors import IdlError, Loc

PUNCT = set(";:,.{}()<>|=@")
U64_MAX = (1 << 64) - 1


class Token:
    __slots__ = ("kind", "text", "value", "loc")

    def __init__(self, kind, text, loc, value=None):
        self.kind, self.text, self.loc, self.value = kind, text, loc, value

    def __repr__(self):
        return f"{self.kind}:{self.text!r}@{self.loc}"


def _is_ident_start(c):
    return c.isascii() and (c.isalpha() or c == "_")


def _is_digit(c):
    return c.isascii() and c.isdigit()  # not "\u0663" or "\u00b2"


def _is_ident_char(c):
    return c.isascii() and (c.isalnum() or c == "_")


class Lexer:
    def __init__(self, path, text):
        self.path, self.text = path, text
        self.pos, self.line, self.col = 0, 1, 1

    def _loc(self, length=1, line=None, col=None):
        return Loc(self.path, line or self.line, col or self.col, length)

    def _advance(self, n=1):
        for _ in range(n):
            if self.text[self.pos] == "\n":
                self.line, self.col = self.line + 1, 1
            else:
                self.col += 1
            self.pos += 1

    def _peek(self, k=0):
        i = self.pos + k
        return self.text[i] if i < len(self.text) else ""

    def tokens(self):
        out = []
        while True:
            tok = self._next()
            out.append(tok)
            if tok.kind == "EOF":
                return out

    def _next(self):
        self._skip_space()
        if self.pos >= len(self.text):
            return Token("EOF", "", self._loc())
        c = self._peek()
        if c == "/" and self._peek(1) == "/":
            return self._comment()
        if _is_ident_start(c):
            return self._ident()
        if _is_digit(c) or (c == "-" and _is_digit(self._peek(1))):
            return self._number()
        if c == "-" and self._peek(1) == ">":
            tok = Token("->", "->", self._loc(2))
            self._advance(2)
            return tok
        if c in PUNCT:
            tok = Token(c, c, self._loc())
            self._advance()
            return tok
        raise IdlError("E0001", f"unexpected character {c!r}", self._loc())

    def _skip_space(self):
        while self.pos < len(self.text) and self._peek() in " \t\r\n":
            self._advance()

    def _comment(self):
        """Skips a `//` comment; returns the next token, or a DOC token for `///`."""
        start = self.pos
        loc = self._loc()
        while self.pos < len(self.text) and self._peek() != "\n":
            self._advance()
        body = self.text[start:self.pos]
        if body.startswith("///") and not body.startswith("////"):
            loc.length = len(body)
            text = body[3:]
            return Token("DOC", text[1:] if text.startswith(" ") else text, loc)
        return self._next()

    def _ident(self):
        start, loc = self.pos, self._loc()
        while _is_ident_char(self._peek()):
            self._advance()
        text = self.text[start:self.pos]
        loc.length = len(text)
        return Token("IDENT", text, loc)

    def _number(self):
        start, loc = self.pos, self._loc()
        if self._peek() == "-":
            self._advance()
        while _is_ident_char(self._peek()):
            self._advance()
        text = self.text[start:self.pos]
        loc.length = len(text)
        digits = text.lstrip("-")
        try:
            if digits.lower().startswith("0x"):
                if len(digits) == 2:
                    raise ValueError
                value = int(digits[2:], 16)
            elif digits.isdigit() and (digits == "0" or not digits.startswith("0")):
                value = int(digits, 10)
            else:
                raise ValueError
        except ValueError:
            raise IdlError("E0002", f"malformed number {text!r}", loc) from None
        if value > U64_MAX:
            raise IdlError("E0003", f"number {text} does not fit in 64 bits", loc)
        return Token("INT", text, loc, -value if text.startswith("-") else value)
