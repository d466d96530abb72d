"""`idlc fmt`: the canonical layout of an IDL file (docs/idl.md, "Canonical style").

The printer walks the grammar over every token of the file, comments included, and decides
all white space itself: 4-space indentation, one declaration, member or field per line, one
space around `=` and `->` and after `:` and `,`, none inside `<>` and around `|` and `.`, `{`
at the end of its line. What it keeps from the input: the order of everything, comments
(trailing ones stay trailing), and single blank lines between items (runs of blank lines
become one). Lines are never wrapped. A parameter list holding a doc comment or comment is
written one parameter per line.

It never changes meaning: before anything is written, the formatted text is lexed again and
its tokens (doc comments compared by their text) and comments must equal the input's.
"""

from . import frontend, lexer, parser
from .errors import IdlError

INDENT = "    "


def doc_line(tok):
    text = lexer.doc_text(tok)
    return "///" + (" " + text if text else "")


def plain_comment(tok):
    return lexer.is_comment(tok) and not lexer.is_doc(tok)


class Printer:
    def __init__(self, src):
        self.T = src.tokens
        self.O = lexer.token_offsets(src.text)
        self.text = src.text
        self.sig = [i for i, t in enumerate(self.T) if not plain_comment(t)]
        self.k = 0          # next significant token (index into sig)
        self.last = -1      # index into T of the last token written
        self.lines = []
        self.cur = None     # the open output line
        self.closed = False  # the open line is complete; only a trailing comment may join
        self.level = 0
        self.cont = False   # lines opened now continue a statement: one more indent
        self.force_blank = False
        self.block_start = True

    # ---- output ----
    def newlines_before(self, i):
        start = 0 if self.last < 0 else self.O[self.last] + len(self.T[self.last])
        end = self.O[i] if i < len(self.T) else len(self.text)
        return self.text.count("\n", start, end)

    def end_line(self):
        if self.cur is not None:
            self.lines.append(self.cur.rstrip())
        self.cur, self.closed = None, False

    def open_line(self, i, closing=False):
        """Starts a line for token i, with a blank line before it if the input had one there
        (or one is required), never right after `{` or before `}`."""
        self.end_line()
        blank = self.force_blank or (self.newlines_before(i) >= 2 and self.lines)
        if blank and not self.block_start and not closing and self.lines and self.lines[-1]:
            self.lines.append("")
        self.force_blank = False
        self.cur = INDENT * (self.level + (1 if self.cont else 0))

    def flush(self, upto):
        """Writes the plain comments between the last token written and token upto."""
        for c in range(self.last + 1, upto):
            if not plain_comment(self.T[c]):
                continue
            if self.cur is not None and self.newlines_before(c) == 0:
                self.cur += " " + self.T[c].rstrip()
            else:
                self.open_line(c)
                self.cur += self.T[c].rstrip()
            self.last = c
            self.end_line()
            self.block_start = False

    def peek(self, k=0):
        j = self.k + k
        return self.T[self.sig[j]] if j < len(self.sig) else parser.EOF

    def tok(self, space=True, new_line=False, closing=False, text=None):
        """Writes the next significant token (as `text` if given)."""
        i = self.sig[self.k]
        self.flush(i)
        if new_line or self.cur is None or self.closed:
            self.open_line(i, closing)
        elif space:
            self.cur += " "
        self.cur += self.T[i] if text is None else text
        self.last, self.block_start = i, False
        self.k += 1

    def end_stmt(self):
        """The statement is complete: the next token starts a new line."""
        self.closed, self.cont = True, False

    # ---- grammar ----
    def file(self):
        while lexer.is_doc(self.peek()):
            self.doc()
        self.tok(new_line=True)  # library
        self.tok()
        while self.peek() == ".":
            self.tok(space=False)
            self.tok(space=False)
        self.tok(space=False)  # ;
        self.end_stmt()
        self.force_blank = self.peek() != parser.EOF
        while self.peek() != parser.EOF:
            self.decl()
        self.flush(len(self.T))
        self.end_line()
        while self.lines and not self.lines[-1]:
            self.lines.pop()
        return "\n".join(self.lines) + "\n"

    def doc(self):
        self.tok(new_line=True, text=doc_line(self.peek()))
        self.end_stmt()

    def preamble(self):
        """Doc comments, each on its line, and attributes, a run of them on one line."""
        while lexer.is_doc(self.peek()) or self.peek() == "@":
            if lexer.is_doc(self.peek()):
                self.doc()
                continue
            first = True
            while self.peek() == "@":
                self.attribute(first)
                first = False
            self.end_stmt()

    def attribute(self, first):
        self.tok(new_line=first)  # @
        self.tok(space=False)     # name
        self.tok(space=False)     # (
        prev = "("
        while self.peek() != ")":
            t = self.peek()
            # `a|b`, `a, b`; two values side by side keep a space between them
            self.tok(space=prev == "," or (prev not in ("(", "|") and t not in ("|", ",")))
            prev = t
        self.tok(space=False)

    def decl(self):
        self.preamble()
        kind = self.peek()
        self.tok(new_line=True)
        self.tok()  # name
        if kind == "const":
            self.tok(space=False)  # :
            self.type_ref()
            self.tok()  # =
            self.tok()  # value
            self.tok(space=False)
            self.end_stmt()
            return
        if kind == "enum":
            self.tok()  # :
            self.type_ref()
        self.block(getattr(self, kind + "_member"))
        self.force_blank = self.peek() != parser.EOF

    def block(self, member):
        self.tok()  # {
        self.end_stmt()
        self.level += 1
        self.block_start = True
        while self.peek() != "}":
            self.preamble()
            member()
        self.flush(self.sig[self.k])  # comments before `}` belong inside the block
        self.level -= 1
        self.tok(new_line=True, closing=True)
        self.end_stmt()

    def enum_member(self):
        self.tok(new_line=True)
        self.tok()  # =
        self.tok()
        self.tok(space=False)
        self.end_stmt()

    def struct_member(self):
        self.field(new_line=True)
        self.tok(space=False)  # ;
        self.end_stmt()

    def field(self, new_line=False, space=True):
        self.tok(new_line=new_line, space=space)  # name
        self.tok(space=False)        # :
        self.cont = True
        self.type_ref()

    def interface_member(self):
        if self.peek() == "reserved":
            self.tok(new_line=True)
            self.tok()
            while self.peek() == ",":
                self.tok(space=False)
                self.tok()
            self.tok(space=False)
            self.end_stmt()
            return
        self.tok(new_line=True)  # ordinal
        self.tok(space=False)    # :
        self.cont = True
        if self.peek() in ("oneway", "event") and self.peek(1) != "(":
            self.tok()
        self.tok()  # name
        self.params()
        if self.peek() == "->":
            self.tok()
            self.params(space=True)
        if self.peek() == "error":
            self.tok()
            self.tok()
        self.tok(space=False)  # ;
        self.end_stmt()

    def params(self, space=False):
        """`(a: T, b: U)`, or one parameter per line when the list holds a comment."""
        start = self.sig[self.k]
        end = start
        while self.T[end] != ")":
            end += 1
        multi = any(lexer.is_comment(self.T[i]) for i in range(start + 1, end))
        self.tok(space=space)  # (
        if multi:
            self.end_stmt()
            self.level += 1
            self.block_start = True
        first = True
        while self.peek() != ")":
            while lexer.is_doc(self.peek()):
                self.doc()
            self.field(new_line=multi, space=not first)
            first = False
            if self.peek() == ",":
                self.tok(space=False)
            if multi:
                self.end_stmt()
        if multi:
            self.flush(self.sig[self.k])
            self.level -= 1
            self.tok(new_line=True, closing=True)
        else:
            self.tok(space=False)
        self.cont = True

    def type_ref(self, space=True):
        word = self.peek()
        self.tok(space=space)
        if word in ("string", "bytes", "array", "cap"):
            self.tok(space=False)  # <
            if word == "array":
                self.type_ref(space=False)
                self.tok(space=False)  # ,
                self.tok()
            elif word == "cap":
                self.tok(space=False)  # object type
                self.tok(space=False)  # ,
                self.tok()
                while self.peek() == "|":
                    self.tok(space=False)
                    self.tok(space=False)
            else:
                self.tok(space=False)
            self.tok(space=False)  # >


def meaning(src):
    """What formatting must keep: the tokens with doc comments by their text, then the plain
    comments without trailing white space."""
    toks = [("///" + lexer.doc_text(t)) if lexer.is_doc(t) else t
            for t in src.tokens if not plain_comment(t)]
    return toks, [t.rstrip() for t in src.tokens if plain_comment(t)]


def format_text(shown, text):
    """The canonical form of a file's text; E0xxx if it does not parse."""
    src = lexer.lex(shown, text)
    parser.parse(src)
    out = Printer(src).file()
    again = lexer.lex(shown, out)
    if meaning(again) != meaning(src):
        raise IdlError("E0900", f"formatting {shown} would change its meaning; please report "
                       "with the input file")
    return out


def format_file(path):
    """(original text, formatted text) of a file."""
    shown, text = frontend.read_source(path)
    with open(path, "rb") as fh:
        raw = fh.read().decode("utf-8")
    return raw, format_text(shown, text)


def is_formatted(path):
    raw, out = format_file(path)
    return raw == out
