"""Recursive-descent parser for the Keel IDL (grammar in docs/idl.md). Produces an ast.File;
it checks syntax only. Names, bounds and attribute values are checked by checker.py."""

from . import ast
from .errors import IdlError
from .lexer import Lexer

TOP_KEYWORDS = ("const", "enum", "struct", "interface")
ATTRS_ALLOWED = {"interface": {"id", "version"}, "method": {"rights"}}
MAX_NESTING = 8  # nested arrays; C guarantees only 12 declarators and each adds a loop


class Parser:
    def __init__(self, path, text):
        self.path, self.text = path, text
        self.toks = Lexer(path, text).tokens()
        self.i = 0

    # ---- token helpers ----
    def peek(self, k=0):
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def next(self):
        tok = self.peek()
        if tok.kind == "DOC":
            raise IdlError("E0004", "doc comment is not followed by a declaration", tok.loc)
        self.i += 1
        return tok

    def at(self, kind, text=None):
        tok = self.peek()
        return tok.kind == kind and (text is None or tok.text == text)

    def accept(self, kind, text=None):
        if self.at(kind, text):
            return self.next()
        return None

    def expect(self, kind, text=None, what=None):
        tok = self.peek()
        if tok.kind == kind and (text is None or tok.text == text):
            return self.next()
        if tok.kind == "DOC":
            self.next()
        want = what or repr(text or kind)
        found = "end of file" if tok.kind == "EOF" else repr(tok.text)
        raise IdlError("E0101", f"expected {want}, found {found}", tok.loc)

    def ident(self, what="a name"):
        return self.expect("IDENT", what=what)

    def docs(self):
        lines = []
        while self.at("DOC"):
            lines.append(self.toks[self.i].text)
            self.i += 1
        return lines

    # ---- file ----
    def parse_file(self):
        self.docs()
        tok = self.peek()
        if not self.at("IDENT", "library"):
            raise IdlError("E0106", "a file must start with `library <name>;`", tok.loc)
        self.next()
        lib_loc, parts = self.peek().loc, [self.ident("a library name").text]
        while self.accept("."):
            parts.append(self.ident("a library name segment").text)
        lib_loc.length = len(".".join(parts))
        self.expect(";")
        decls = []
        while not self.at("EOF"):
            decls.append(self.decl())
        return ast.File(self.path, ".".join(parts), lib_loc, decls, self.text)

    def decl(self):
        if self.at("DOC"):
            first = self.peek()
            doc = self.docs()
            if self.at("EOF"):
                raise IdlError("E0004", "doc comment is not followed by a declaration",
                               first.loc)
        else:
            doc = []
        attrs = self.attributes()
        tok = self.peek()
        if tok.kind != "IDENT" or tok.text not in TOP_KEYWORDS:
            if tok.kind == "IDENT":
                raise IdlError("E0102", f"unknown keyword {tok.text!r}; expected one of "
                               + ", ".join(TOP_KEYWORDS), tok.loc)
            self.expect("IDENT", what="a declaration")
        kind = self.next().text
        if kind != "interface":
            self.check_attrs(attrs, kind)
        return getattr(self, "parse_" + kind)(doc, attrs, tok.loc)

    def attributes(self):
        attrs = []
        while self.accept("@"):
            name = self.ident("an attribute name")
            self.expect("(")
            args = []
            while not self.at(")"):
                tok = self.next()
                if tok.kind == "EOF":
                    raise IdlError("E0101", "expected ')', found end of file", tok.loc)
                if tok.kind in ("IDENT", "INT"):
                    args.append(tok)
                elif tok.kind not in ("|", ","):
                    raise IdlError("E0104", f"unexpected {tok.text!r} in attribute", tok.loc)
            self.expect(")")
            attrs.append(ast.Attribute(name.text, args, name.loc))
        return attrs

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
    def parse_const(self, doc, attrs, loc):
        name = self.ident()
        self.expect(":")
        typ = self.type_ref()
        self.expect("=")
        val = self.expect("INT", what="an integer")
        self.expect(";")
        return ast.Const(name.text, typ, val.value, val.loc, doc, name.loc)

    def parse_enum(self, doc, attrs, loc):
        name = self.ident()
        self.expect(":")
        under = self.type_ref()
        self.expect("{")
        members = []
        while not self.at("}"):
            mdoc = self.docs()
            mname = self.ident("an enum member")
            self.expect("=")
            val = self.expect("INT", what="an integer")
            self.expect(";")
            members.append(ast.EnumMember(mname.text, val.value, mdoc, mname.loc, val.loc))
        self.expect("}")
        return ast.Enum(name.text, under, members, doc, name.loc)

    def parse_struct(self, doc, attrs, loc):
        name = self.ident()
        self.expect("{")
        fields = []
        while not self.at("}"):
            fdoc = self.docs()
            fields.append(self.field(fdoc))
            self.expect(";")
        self.expect("}")
        return ast.Struct(name.text, fields, doc, name.loc)

    def field(self, doc=None):
        name = self.ident("a field name")
        self.expect(":")
        return ast.Field(name.text, self.type_ref(), doc or [], name.loc)

    def parse_interface(self, doc, attrs, loc):
        self.check_attrs(attrs, "interface")
        name = self.ident()
        self.expect("{")
        methods, reserved = [], []
        while not self.at("}"):
            mdoc = self.docs()
            mattrs = self.attributes()
            tok = self.peek()
            if tok.kind == "IDENT" and tok.text == "reserved":
                self.next()
                self.check_attrs(mattrs, "reserved")
                reserved.extend(self.reserved_list())
            elif tok.kind == "INT":
                self.check_attrs(mattrs, "method")
                methods.append(self.method(mdoc, mattrs))
            elif tok.kind == "IDENT":
                raise IdlError("E0102", f"unknown keyword {tok.text!r} in interface; expected "
                               "`<ordinal>: <method>` or `reserved`", tok.loc)
            else:
                self.expect("INT", what="a method ordinal or `reserved`")
        self.expect("}")
        return ast.Interface(name.text, attrs, methods, reserved, doc, name.loc)

    def reserved_list(self):
        out = [self.expect("INT", what="an ordinal")]
        while self.accept(","):
            out.append(self.expect("INT", what="an ordinal"))
        self.expect(";")
        return [(t.value, t.loc) for t in out]

    def method(self, doc, attrs):
        ordinal = self.next()
        self.expect(":")
        oneway = bool(self.accept("IDENT", "oneway"))
        name = self.ident("a method name")
        params = self.param_list()
        results = None
        if self.accept("->"):
            results = self.param_list()
        error = None
        if self.accept("IDENT", "error"):
            err = self.ident("an error enum name")
            error = (err.text, err.loc)
        self.expect(";")
        return ast.Method(ordinal.value, ordinal.loc, name.text, oneway, params, results,
                          error, attrs, doc, name.loc)

    def param_list(self):
        self.expect("(")
        params = []
        if not self.at(")"):
            params.append(self.field())
            while self.accept(","):
                params.append(self.field())
        self.expect(")")
        return params

    # ---- types ----
    def type_ref(self, depth=0):
        tok = self.ident("a type")
        if depth > MAX_NESTING:
            raise IdlError("E0226", f"arrays nest more than {MAX_NESTING} deep", tok.loc)
        if tok.text in ast.PRIMITIVES:
            return ast.TypeRef("prim", tok.loc, name=tok.text)
        if tok.text in ("string", "bytes"):
            self.expect("<")
            bound = self.bound()
            self.expect(">")
            return ast.TypeRef(tok.text, tok.loc, bound=bound)
        if tok.text == "array":
            self.expect("<")
            elem = self.type_ref(depth + 1)
            self.expect(",")
            bound = self.bound()
            self.expect(">")
            return ast.TypeRef("array", tok.loc, elem=elem, bound=bound)
        if tok.text == "cap":
            return self.cap_type(tok)
        return ast.TypeRef("named", tok.loc, name=tok.text)

    def cap_type(self, tok):
        self.expect("<")
        obj = self.ident("a capability type")
        self.expect(",")
        rights = [self.ident("a right")]
        while self.accept("|"):
            rights.append(self.ident("a right"))
        self.expect(">")
        return ast.TypeRef("cap", tok.loc, name=obj.text,
                           rights=[(r.text, r.loc) for r in rights])

    def bound(self):
        tok = self.peek()
        if tok.kind == "INT":
            self.next()
            return ast.Bound(tok.value, None, tok.loc)
        name = self.ident("a bound (integer or constant)")
        return ast.Bound(None, name.text, name.loc)


def parse(path, text):
    return Parser(path, text).parse_file()
