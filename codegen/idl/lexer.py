"""Lexer for the Keel IDL: splits source text into token strings in one regular-expression pass.

Tokens are identifiers, integers (decimal without leading zeros or 0x hex, optionally
negative), `->`, the punctuation `; : , . { } ( ) < > | = @`, `///` doc comments and `//`
comments. Anything else becomes a one-character token the parser reports as E0001. The token
list is plain strings, so a 2 MB file lexes in a fraction of a second; token offsets (for
diagnostics and the formatter) come from a second pass over the same pattern, only on demand.
"""

import re

from .errors import FORBIDDEN_CHARS, IdlError, Loc, Source, escape_char

# One token per match, after optional whitespace. The last alternative takes any other single
# character (never whitespace, so trailing whitespace produces no token).
TOKEN = re.compile(r"[ \t\n]*(//[^\n]*|[A-Za-z_][A-Za-z0-9_]*|-?[0-9][A-Za-z0-9_]*|->|[^ \t\n])")
DECIMAL = re.compile(r"-?(0|[1-9][0-9]*)")
HEX = re.compile(r"-?0x([0-9a-fA-F]+)")
U64_MAX = (1 << 64) - 1
PUNCT = frozenset(";:,.{}()<>|=@")
# Tokens that need no further look: names, punctuation, doc comments, and numbers too short to
# be out of range. Anything else is checked by first_bad_token.
PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_]*|->|[;:,.{}()<>|=@]|///(?!/).*|//.*"
                   r"|-?(?:0x0*[0-9a-fA-F]{1,15}|0|[1-9][0-9]{0,18})")


def token_offsets(text):
    """Start offset of every token TOKEN finds in text, in order."""
    return [m.start(1) for m in TOKEN.finditer(text)]


def is_doc(tok):
    return tok.startswith("///") and not tok.startswith("////")


def is_comment(tok):
    return tok.startswith("//")


def doc_text(tok):
    """The text of a `///` token: one leading space and trailing whitespace are not part of
    it, so `///x`, `/// x` and `/// x  ` all mean "x"."""
    text = tok[3:]
    return (text[1:] if text.startswith(" ") else text).rstrip()


def lex(path, text):
    """Returns a Source holding every token of text (comments included)."""
    src = Source(path, text)
    bad = FORBIDDEN_CHARS.search(text)
    if bad:
        raise IdlError("E0001", f"character {escape_char(bad.group(0))} is not allowed in a "
                       "source file", Loc.at(src, offset=bad.start()))
    src.tokens = TOKEN.findall(text)
    return src


def is_number(tok):
    c = tok[:1]
    return c.isascii() and (c.isdigit() or (c == "-" and tok[1:2].isdigit()))


def first_bad_token(tokens, loc_of):
    """Raises the lexical error (E0001, E0002, E0003) of the first token in file order that is
    no valid token: a stray character or a malformed or too large number. Only distinct
    tokens are examined, so this costs little even for large files."""
    offenders = []
    for t in set(tokens):
        if PLAIN.fullmatch(t):
            continue
        if is_number(t):
            try:
                number_value(t, None)
                continue
            except IdlError:
                pass
        offenders.append(t)
    if not offenders:
        return
    bad = set(offenders)
    index = next(i for i, t in enumerate(tokens) if t in bad)
    tok = tokens[index]
    if is_number(tok):
        number_value(tok, loc_of(index))
    raise IdlError("E0001", f"unexpected character {tok!r}", loc_of(index))


def number_value(tok, loc):
    """The value of an integer token; E0002 if malformed, E0003 beyond 64 bits."""
    m = DECIMAL.fullmatch(tok)
    if m:
        digits = m.group(1)
        if len(digits) > 20:  # 2**64 has 20 digits; also keeps int() away from huge inputs
            raise IdlError("E0003", f"number {tok[:40]}{'...' if len(tok) > 40 else ''} "
                           "does not fit in 64 bits", loc)
        value = int(digits)
    else:
        m = HEX.fullmatch(tok)
        if not m:
            raise IdlError("E0002", f"malformed number {tok[:40]!r}", loc)
        digits = m.group(1).lstrip("0")
        if len(digits) > 16:
            raise IdlError("E0003", f"number {tok[:40]} does not fit in 64 bits", loc)
        value = int(digits or "0", 16)
    if value > U64_MAX:
        raise IdlError("E0003", f"number {tok} does not fit in 64 bits", loc)
    return -value if tok.startswith("-") else value
