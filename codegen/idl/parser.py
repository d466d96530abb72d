"""Recursive-descent parser for the Keel IDL (grammar in docs/idl.md). Produces an ast.File and
checks syntax only; names, bounds and attribute values are checked by checker.py. It works on
the lexer's token strings, so its hot paths are string comparisons."""

from . import ast
from .errors import IdlError, Loc
from .lexer import doc_text, first_bad_token, is_doc

TOP_KEYWORDS = ("const", "enum", "struct", "interface")
ATTRS_ALLOWED = {"interface": {"id", "version"}, "method": {"rights"}}
PRIMITIVE_NAMES = frozenset(("u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "bool"))
MAX_NESTING = 8  # nested arrays; C guarantees only 12 declarators and each adds a loop
EOF = "\x00"  # never a token: the lexer refuses NUL anywhere in a file

# The lexer has already refused every token that is not a name, a valid number, punctuation or
# a comment, so the parser tells them apart by their first character alone.


def is_ident(tok):
    c = tok[0]
    return c.isalpha() or c == "_"


def is_int(tok):
    c = tok[0]
    return c.isdigit() or (c == "-" and tok[1:2].isdigit())


def describe(tok):
    return "end of file" if tok == EOF else repr(tok if len(tok) <= 40 else tok[:40] + "...")


class Parser:
    def __init__(self, src):
        self.src = src
        toks = src.tokens
        first_bad_token(toks, lambda i: Loc.at(src, i))
        comments = {t for t in set(toks) if t.startswith("//") and not is_doc(t)}
        if comments:  # plain comments mean nothing to the parser: drop them, keep positions
            keep = [i for i, t in enumerate(toks) if t not in comments]
            self.toks, self.orig = [toks[i] for i in keep], keep
        else:
            self.toks, self.orig = list(toks), range(len(toks))
        self.toks.append(EOF)
        self.ntoks = len(toks)
        self.i = 0

    # ---- token helpers ----
    def loc(self, i=None, end=None):
        """The location of parser token i (default: the current one), through token end."""
        orig = self.orig
        i = self.i if i is None else i
        return Loc((self.src, orig[i] if i < len(orig) else self.ntoks,
                    None if end is None else orig[end], None, 1))

    def peek(self, k=0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def fail(self, what):
        tok = self.toks[self.i]
        if is_doc(tok):
            raise IdlError("E0004", "doc comment is not followed by a declaration", self.loc())
        raise IdlError("E0101", f"expected {what}, found {describe(tok)}", self.loc())

    def expect(self, text, what=None):
        if self.toks[self.i] == text:
            self.i += 1
            return self.i - 1
        self.fail(what or repr(text))

    def accept(self, text):
        if self.toks[self.i] == text:
            self.i += 1
            return True
        return False

    def ident(self, what="a name"):
        """Consumes an identifier; returns (text, loc)."""
        i = self.i
        tok = self.toks[i]
        c = tok[0]
        if not (c.isalpha() or c == "_"):
            self.fail(what)
        self.i = i + 1
        return tok, Loc((self.src, self.orig[i], None, None, 1))

    def integer(self, what="an integer"):
        """Consumes an integer (already validated by the lexer); returns (value, loc)."""
        i = self.i
        tok = self.toks[i]
        if not is_int(tok):
            self.fail(what)
        self.i = i + 1
        return int(tok, 0), Loc((self.src, self.orig[i], None, None, 1))

    def docs(self):
        lines, toks = [], self.toks
        while is_doc(toks[self.i]):
            lines.append(doc_text(toks[self.i]))
            self.i += 1
        return lines

    def preamble(self, where):
        """Doc comments and attributes before a declaration, in either order. E0004 if they
        are not followed by one (end of file, or the `}` closing `where`)."""
        doc, attrs, first = [], [], self.i
        while True:
            tok = self.toks[self.i]
            if is_doc(tok):
                doc.append(doc_text(tok))
                self.i += 1
            elif tok == "@":
                attrs.append(self.attribute())
            else:
                break
        if doc and self.toks[self.i] in (EOF, "}"):
            doc_at = next(k for k in range(first, self.i) if is_doc(self.toks[k]))
            raise IdlError("E0004", f"doc comment is not followed by a declaration (it is "
                           f"followed by {describe(self.toks[self.i])}{where})",
                           self.loc(doc_at))
        return doc, attrs

    # ---- file ----
    def parse_file(self):
        doc = self.docs()
        if self.toks[self.i] != "library":
            raise IdlError("E0106", "a file must start with `library <name>;`", self.loc())
        self.i += 1
        start = self.i
        segments = [self.ident("a library name")]
        while self.accept("."):
            segments.append(self.ident("a library name segment"))
        lib_loc = self.loc(start, self.i - 1)
        self.expect(";")
        decls = []
        while self.toks[self.i] != EOF:
            decls.append(self.decl())
        return ast.File(self.src.path, ".".join(s for s, _ in segments), lib_loc, segments,
                        decls, self.src, doc)

    def decl(self):
        doc, attrs = self.preamble("")
        tok = self.toks[self.i]
        if tok not in TOP_KEYWORDS:
            if is_ident(tok):
                raise IdlError("E0102", f"unknown keyword {describe(tok)}; expected one of "
                               + ", ".join(TOP_KEYWORDS), self.loc())
            self.fail("a declaration")
        self.i += 1
        self.check_attrs(attrs, tok)
        return getattr(self, "parse_" + tok)(doc, attrs)

    def attribute(self):
        self.expect("@")
        name, loc = self.ident("an attribute name")
        self.expect("(")
        args = []
        while self.toks[self.i] != ")":
            tok = self.toks[self.i]
            if tok == EOF:
                self.fail("')'")
            if is_int(tok):
                value, aloc = self.integer()
                args.append(ast.Arg(True, tok, value, aloc))
            elif is_ident(tok):
                args.append(ast.Arg(False, tok, 0, self.loc()))
                self.i += 1
            elif tok in ("|", ","):
                self.i += 1
            elif is_doc(tok):
                self.fail("')'")
            else:
                raise IdlError("E0104", f"unexpected {describe(tok)} in attribute", self.loc())
        self.i += 1
        return ast.Attribute(name, args, loc)

    def check_attrs(self, attrs, target):
        allowed = ATTRS_ALLOWED.get(target, set())
        seen = set()
        for a in attrs:
            if a.name not in allowed:
                hint = f" (allowed: {', '.join(sorted(allowed))})" if allowed else ""
                raise IdlError("E0103", f"unknown attribute @{a.name} on {target}{hint}", a.loc)
            if a.name in seen:
                raise IdlError("E0105", f"attribute @{a.name} given twice", a.loc)
            seen.add(a.name)

    # ---- declarations ----
    def parse_const(self, doc, attrs):
        name, loc = self.ident()
        self.expect(":")
        typ = self.type_ref()
        self.expect("=")
        value, vloc = self.integer()
        self.expect(";")
        return ast.Const(name, typ, value, vloc, doc, loc)

    def parse_enum(self, doc, attrs):
        name, loc = self.ident()
        self.expect(":")
        under = self.type_ref()
        self.expect("{")
        members = []
        while self.toks[self.i] != "}":
            mdoc, mattrs = self.preamble(f" in enum {name}")
            self.check_attrs(mattrs, "enum member")
            mname, mloc = self.ident("an enum member")
            self.expect("=")
            value, vloc = self.integer()
            self.expect(";")
            members.append(ast.EnumMember(mname, value, mdoc, mloc, vloc))
        self.i += 1
        return ast.Enum(name, under, members, doc, loc)

    def parse_struct(self, doc, attrs):
        name, loc = self.ident()
        self.expect("{")
        fields = []
        while self.toks[self.i] != "}":
            fdoc, fattrs = self.preamble(f" in struct {name}")
            self.check_attrs(fattrs, "struct field")
            fields.append(self.field(fdoc, "a field name"))
            self.expect(";")
        self.i += 1
        return ast.Struct(name, fields, doc, loc)

    def field(self, doc, what):
        name, loc = self.ident(what)
        self.expect(":")
        return ast.Field(name, self.type_ref(), doc, loc)

    def parse_interface(self, doc, attrs):
        name, loc = self.ident()
        self.expect("{")
        methods, events, reserved = [], [], []
        while self.toks[self.i] != "}":
            mdoc, mattrs = self.preamble(f" in interface {name}")
            tok = self.toks[self.i]
            if tok == "reserved":
                self.i += 1
                self.check_attrs(mattrs, "reserved")
                reserved.extend(self.reserved_list())
            elif is_int(tok):
                member = self.member(mdoc, mattrs)
                (events if isinstance(member, ast.Event) else methods).append(member)
            elif is_ident(tok):
                raise IdlError("E0102", f"unknown keyword {describe(tok)} in interface; "
                               "expected `<ordinal>: <method>`, `<ordinal>: event <name>` or "
                               "`reserved`", self.loc())
            else:
                self.fail("a method ordinal or `reserved`")
        self.i += 1
        return ast.Interface(name, attrs, methods, events, reserved, doc, loc)

    def reserved_list(self):
        out = [self.integer("an ordinal")]
        while self.accept(","):
            out.append(self.integer("an ordinal"))
        self.expect(";")
        return out

    def member(self, doc, attrs):
        """`N: [oneway] name(params) [-> (results) [error E]];` or `N: event name(params);`."""
        ordinal, oloc = self.integer()
        self.expect(":")
        toks = self.toks
        if toks[self.i] == "event" and is_ident(toks[self.i + 1]):
            self.i += 1
            self.check_attrs(attrs, "event")
            name, loc = self.ident("an event name")
            params = self.param_list("a parameter name")
            if toks[self.i] in ("->", "error"):
                raise IdlError("E0217", f"event {name} cannot have results or errors: events "
                               "are never answered", self.loc())
            self.expect(";")
            return ast.Event(ordinal, oloc, name, params, attrs, doc, loc)
        self.check_attrs(attrs, "method")
        oneway = self.accept("oneway")
        name, loc = self.ident("a method name")
        params = self.param_list("a parameter name")
        results, error = None, None
        if self.accept("->"):
            results = self.param_list("a result name")
        if self.accept("error"):
            error = self.ident("an error enum name")
        if oneway and (results is not None or error is not None):
            raise IdlError("E0217", f"oneway method {name} cannot have results or errors", loc)
        if not oneway and results is None and toks[self.i] == ";":
            raise IdlError("E0227", f"method {name} needs `-> (...)` (a two-way call; `-> ()` "
                           "for an empty reply) or `oneway` before its name", loc)
        self.expect(";")
        return ast.Method(ordinal, oloc, name, oneway, params, results, error, attrs, doc, loc)

    def param_list(self, what):
        self.expect("(")
        params = []
        if self.toks[self.i] != ")":
            while True:
                first = self.i
                pdoc = self.docs()
                if pdoc and self.toks[self.i] == ")":
                    raise IdlError("E0004", "doc comment is not followed by a parameter",
                                   self.loc(first))
                params.append(self.field(pdoc, what))
                if not self.accept(","):
                    break
        self.expect(")")
        return params

    # ---- types ----
    def type_ref(self, depth=0):
        name, loc = self.ident("a type")
        if depth > MAX_NESTING:
            raise IdlError("E0226", f"arrays nest more than {MAX_NESTING} deep", loc)
        if name in PRIMITIVE_NAMES:
            return ast.TypeExpr("prim", loc, name=name)
        if name in ("string", "bytes"):
            self.expect("<")
            bound = self.bound()
            self.expect(">")
            return ast.TypeExpr(name, loc, bound=bound)
        if name == "array":
            self.expect("<")
            elem = self.type_ref(depth + 1)
            self.expect(",")
            bound = self.bound()
            self.expect(">")
            return ast.TypeExpr("array", loc, elem=elem, bound=bound)
        if name == "cap":
            return self.cap_type(loc)
        return ast.TypeExpr("named", loc, name=name)

    def cap_type(self, loc):
        self.expect("<")
        obj, _ = self.ident("a capability type")
        self.expect(",")
        rights = [self.ident("a right")]
        while self.accept("|"):
            rights.append(self.ident("a right"))
        self.expect(">")
        return ast.TypeExpr("cap", loc, name=obj, rights=rights)

    def bound(self):
        if is_int(self.toks[self.i]):
            value, loc = self.integer()
            return ast.Bound(value, None, loc)
        name, loc = self.ident("a bound (integer or constant)")
        return ast.Bound(None, name, loc)


def parse(src):
    return Parser(src).parse_file()
