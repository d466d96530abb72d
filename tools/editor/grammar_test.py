"""Fails when the editor grammars (tools/editor) drift from the Keel IDL.

The word lists come from the compiler, not from this file: IDL_KEYWORDS (codegen/idl/names.py),
PRIMITIVE_NAMES (codegen/idl/parser.py) and the capability types and rights that
codegen/idl/abi.py reads from kernel/abi/include/keel/abi.h. If one of those imports goes
away, the same names are read from the files with a regex instead.

Both grammars are run, not only read: the TextMate grammar through tmlite (a small tokenizer
that follows vscode-textmate's rules and compiles every regex with Python's re) and the Vim
syntax file through Vim itself (`vim -es`, installed by tools/deps). Each must give every
keyword, type, capability type and right its highlight, flag exactly the characters and
numbers the compiler's lexer rejects in the bad-IDL corpus, and flag nothing in the good files.
"""

import glob
import importlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path[:0] = [ROOT, HERE]

import tmlite  # noqa: E402

VSCODE = os.path.join(HERE, "vscode")
VIM = os.path.join(HERE, "vim")
GRAMMAR = os.path.join(VSCODE, "syntaxes", "keel-idl.tmLanguage.json")
GOOD_IDL = ["idl/*.idl", "codegen/testdata/*.idl", "codegen/examples/echo/*.idl"]
BAD_IDL = "codegen/testdata/bad/*.idl"
LEXICAL_ERRORS = ("E0001", "E0002")  # a character that starts no token, a malformed number
# Oniguruma and Python's re read these differently (or only one of them knows them).
NOT_PORTABLE = re.compile(r"\\[wWdDhHGAzZpPkKgRX]|\(\?P|\(\?>|\(\?~|\(\?[imx]")


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def assigned_words(var):
    """The quoted words of `VAR = ...` in the compiler's sources (fallback for an import)."""
    for path in sorted(glob.glob(os.path.join(ROOT, "codegen", "idl", "*.py"))):
        with open(path, encoding="utf-8") as f:
            m = re.search(rf"^{var}\s*=(.*?)\n(?=\S)", f.read(), re.M | re.S)
        if m:
            return set(re.findall(r"\"(\w+)\"", m.group(1)))
    raise AssertionError(f"{var} is neither importable nor in codegen/idl/*.py")


def words_from_files():
    """The same lists read from the files with regexes: the fallback for a missing import."""
    with open(os.path.join(ROOT, "kernel/abi/include/keel/abi.h"), encoding="utf-8") as f:
        header = f.read()
    cap_types = {w.lower() for w in re.findall(r"^#define CAP_TYPE_(\w+) ", header, re.M)}
    return {"keywords": assigned_words("IDL_KEYWORDS"),
            "primitives": assigned_words("PRIMITIVE_NAMES"),
            "cap_types": cap_types - {"none", "count"},
            "rights": set(re.findall(r"^#define CAP_RIGHT_(\w+) ", header, re.M))}


def language():
    """The compiler's words: keywords, primitives, capability types and rights."""
    words, fallbacks = {}, []

    def module(name):
        return importlib.import_module("codegen.idl." + name)

    def take(kind, get):
        try:
            words[kind] = set(get())
        except (ImportError, AttributeError):
            words[kind] = words_from_files()[kind]
            fallbacks.append(kind)

    take("keywords", lambda: module("names").IDL_KEYWORDS)
    take("primitives", lambda: module("parser").PRIMITIVE_NAMES)
    take("cap_types", lambda: module("abi").load().cap_types)
    take("rights", lambda: module("abi").load().rights)
    if fallbacks:
        print("read from the files, not imported: " + ", ".join(fallbacks), file=sys.stderr)
    return words


WORDS = language()
KEYWORD_SCOPES = ("keyword.", "storage.type.", "support.type.builtin.")
KEYWORD_GROUPS = {"keelidlKeyword", "keelidlStructure", "keelidlBuiltinType"}
INVALID_GROUPS = {"keelidlError", "keelidlBadNumber", "keelidlForbidden"}
METHOD = "    1: echo(text: string<TEXT_MAX>) -> (reply: Reply) error EchoError;"

# (line, word in it, TextMate scope the word's innermost scope starts with, Vim group)
CASES = [
    ("/// Doc text.", "Doc text.", "comment.block.documentation", "keelidlDocComment"),
    ("//// Not a doc comment.", "Not a doc", "comment.line.double-slash", "keelidlComment"),
    ("x: u8; // Plain.", "Plain.", "comment.line.double-slash", "keelidlComment"),
    ("library keel.echo;", "keel.echo", "entity.name.namespace", "keelidlLibName"),
    ("struct Point {", "Point", "entity.name.type", "keelidlTypeDecl"),
    ("enum Shade : i16 {", "Shade", "entity.name.type", "keelidlTypeDecl"),
    ("interface Echo {", "Echo", "entity.name.type", "keelidlTypeDecl"),
    ("const NAME_MAX: u8 = 12;", "NAME_MAX", "variable.other.constant", "keelidlConstant"),
    ("const NAME_MAX: u8 = 12;", "12", "constant.numeric", "keelidlNumber"),
    ("    DEEP = -300;", "-300", "constant.numeric", "keelidlNumber"),
    ("    MASK = 0x1F;", "0x1F", "constant.numeric", "keelidlNumber"),
    ("const BAD: u8 = 0X10;", "0X10", "invalid.illegal", "keelidlBadNumber"),
    ("const BAD: u8 = 012;", "012", "invalid.illegal", "keelidlBadNumber"),
    ("const BAD: u8 = 0x;", "0x", "invalid.illegal", "keelidlBadNumber"),
    ("    flag: bool; # no", "#", "invalid.illegal", "keelidlError"),
    ("    flag: bool;", "flag", "variable.other.member", "keelidlField"),
    (METHOD, "1", "constant.numeric", "keelidlOrdinal"),
    (METHOD, "echo", "entity.name.function", "keelidlFunction"),
    (METHOD, "text", "variable.parameter", "keelidlField"),
    (METHOD, "TEXT_MAX", "variable.other.constant", "keelidlConstant"),
    (METHOD, "->", "keyword.operator", "keelidlOperator"),
    (METHOD, "Reply", "entity.name.type", "keelidlTypeName"),
    (METHOD, "error", "keyword.", "keelidlKeyword"),
    ("    2: oneway reset();", "reset", "entity.name.function", "keelidlFunction"),
    ("    3: event changed(key: u8);", "changed", "entity.name.function", "keelidlFunction"),
    ("    0x10: poke() -> ();", "0x10", "constant.numeric", "keelidlOrdinal"),
    ("    reserved 4, 5;", "5", "constant.numeric", "keelidlNumber"),
    ("@id(0x0010) @version(1)", "id", "entity.name.function.decorator", "keelidlAttribute"),
    ("@id(0x0010) @version(1)", "version", "entity.name.function.decorator",
     "keelidlAttribute"),
    ("@id(0x0010) @version(1)", "0x0010", "constant.numeric", "keelidlNumber"),
    ("@rights(READ|WRITE)", "|", "keyword.operator", "keelidlOperator"),
]


def generated_cases():
    """A case for every word the compiler knows, and for each capability type and right
    used where it is not one (capability types and rights are words only in context)."""
    cases = []
    for w in sorted(WORDS["keywords"] - WORDS["primitives"]):
        cases.append((w, w, KEYWORD_SCOPES, KEYWORD_GROUPS))
    for w in sorted(WORDS["primitives"]):
        cases.append((f"    x: {w};", w, "support.type.primitive", "keelidlPrimitive"))
    any_right, any_type = sorted(WORDS["rights"])[0], sorted(WORDS["cap_types"])[0]
    for w in sorted(WORDS["cap_types"]):
        cases.append((f"    x: cap<{w}, {any_right}>,", w, "support.type.capability",
                      "keelidlCapType"))
        cases.append((f"    {w}: u8;", w, "variable.other.member", "keelidlField"))
    for w in sorted(WORDS["rights"]):
        cases.append((f"    x: cap<{any_type}, {any_right}|{w}>,", w,
                      "constant.language.right", "keelidlRight"))
        cases.append((f"@rights({any_right}|{w})", w, "constant.language.right",
                      "keelidlRight"))
        cases.append((f"    {w} = 1;", w, "variable.other.constant", "keelidlConstant"))
    return cases


def corpus():
    """(path, expected (line, col) of a lexical error or None) for every IDL file in the tree."""
    out = []
    for pattern in GOOD_IDL:
        out += [(p, None) for p in sorted(glob.glob(os.path.join(ROOT, pattern)))]
    for path in sorted(glob.glob(os.path.join(ROOT, BAD_IDL))):
        m = re.search(r"expect: (E\d+) (\d+):(\d+)", read(path))
        at = (int(m.group(2)), int(m.group(3))) if m and m.group(1) in LEXICAL_ERRORS else None
        out.append((path, at))
    return out


def read(path):
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        return f.read()


VIM_SCRIPT = """
set encoding=utf-8 fileencodings=ucs-bom,utf-8,latin1
let &runtimepath = {vimdir} . ',' . &runtimepath
filetype plugin on
syntax on
let s:out = {{}}
try
  for g:f in json_decode(join(readfile({files}), ''))
    execute 'edit ' . fnameescape(g:f)
    let s:lines = []
    for g:l in range(1, line('$'))
      call add(s:lines, map(range(1, col([g:l, '$']) - 1),
            \\ 'synIDattr(synID(g:l, v:val, 1), "name")'))
    endfor
    let s:out[g:f] = {{'filetype': &filetype, 'lines': s:lines}}
  endfor
catch
  let s:out.error = v:exception . ' at ' . v:throwpoint
endtry
let s:out.errmsg = v:errmsg
call writefile([json_encode(s:out)], {out})
qa!
"""


def run_vim(paths, tmp):
    """Vim's highlight group for every byte of every file, and the filetype it detected."""
    vim = shutil.which("vim")
    if not vim:
        raise AssertionError("vim is not installed (tools/deps installs it)")
    files, out, script = (os.path.join(tmp, n) for n in ("files.json", "out.json", "t.vim"))
    with open(files, "w", encoding="utf-8") as f:
        json.dump(paths, f)
    with open(script, "w", encoding="utf-8") as f:
        f.write(VIM_SCRIPT.format(vimdir=json.dumps(VIM), files=json.dumps(files),
                                  out=json.dumps(out)))
    run = subprocess.run([vim, "-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S", script],
                         env=dict(os.environ, HOME=tmp), capture_output=True, text=True,
                         timeout=300, check=False)
    if not os.path.exists(out):
        raise AssertionError(f"vim wrote nothing (status {run.returncode}): {run.stderr}")
    result = load_json(out)
    if result.get("error") or result.get("errmsg") or run.returncode:
        raise AssertionError(f"vim failed (status {run.returncode}): {result.get('error')} "
                             f"{result.get('errmsg')} {run.stderr}")
    return result


class Highlights(unittest.TestCase):
    """Runs both grammars once over the cases and the corpus; each test reads the results."""

    @classmethod
    def setUpClass(cls):
        cls.grammar = tmlite.Grammar(load_json(GRAMMAR))
        cls.tmp = tempfile.TemporaryDirectory(dir=os.environ.get("TEST_TMPDIR"))
        cls.cases = CASES + generated_cases()
        cls.case_files = []
        for i, case in enumerate(cls.cases):
            path = os.path.join(cls.tmp.name, f"case{i}.idl")
            with open(path, "w", encoding="utf-8") as f:
                f.write(case[0] + "\n")
            cls.case_files.append(path)
        cls.corpus = corpus()
        cls.vim = run_vim(cls.case_files + [p for p, _ in cls.corpus], cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def textmate(self, text):
        return self.grammar.tokenize(text)

    def test_word_lists_are_plausible(self):
        # Guards the derivation itself: empty lists would make the coverage cases vacuous,
        # and the regex fallback must read what the imports give.
        for kind, words in WORDS.items():
            self.assertTrue(words, kind)
        self.assertLessEqual(WORDS["primitives"], WORDS["keywords"])
        self.assertEqual(words_from_files(), WORDS)

    def test_cases(self):
        for (line, word, scope, group), path in zip(self.cases, self.case_files):
            with self.subTest(line=line, word=word):
                start = line.index(word)
                scopes = self.textmate(line)[0][start:start + len(word)]
                self.assertTrue(all(s[-1].startswith(scope) for s in scopes),
                                f"TextMate gives {word!r} {scopes}, expected {scope}")
                groups = self.vim[path]["lines"][0][start:start + len(word)]
                want = group if isinstance(group, set) else {group}
                self.assertTrue(set(groups) <= want,
                                f"Vim gives {word!r} {groups}, expected {group}")

    def test_vim_detects_every_idl_file_as_keelidl(self):
        # Vim's own filetype.vim claims *.idl too; the ftdetect autocmd must win.
        for path in self.case_files + [p for p, _ in self.corpus]:
            self.assertEqual(self.vim[path]["filetype"], "keelidl", path)

    def test_corpus(self):
        """Exactly the lexical errors the compiler's tests expect are flagged, and only those."""
        self.assertTrue([p for p, _ in self.corpus if "/bad/" not in p], "no good files")
        self.assertGreater(sum(1 for _, at in self.corpus if at), 0, "no lexical error cases")
        for path, at in self.corpus:
            with self.subTest(path=os.path.relpath(path, ROOT)):
                text = read(path)
                tm = [{i for i, s in enumerate(line) if s[-1].startswith("invalid.")}
                      for line in self.textmate(text)]
                vim = [{i for i, g in enumerate(line) if g in INVALID_GROUPS}
                       for line in self.vim[path]["lines"]]
                if at is None:
                    self.assertEqual([n for n, bad in enumerate(tm, 1) if bad], [], "TextMate")
                    self.assertEqual([n for n, bad in enumerate(vim, 1) if bad], [], "Vim")
                    continue
                line, col = at
                byte = len(text.split("\n")[line - 1][:col - 1].encode("utf-8",
                                                                        "surrogateescape"))
                self.assertIn(col - 1, tm[line - 1], f"TextMate does not flag {line}:{col}")
                self.assertIn(byte, vim[line - 1], f"Vim does not flag {line}:{col}")


class TextMateFiles(unittest.TestCase):
    def setUp(self):
        self.grammar = load_json(GRAMMAR)
        self.package = load_json(os.path.join(VSCODE, "package.json"))
        self.config = load_json(os.path.join(VSCODE, "language-configuration.json"))

    def rules(self):
        """Every rule of the grammar, nested ones included."""
        todo = list(self.grammar["patterns"]) + list(self.grammar["repository"].values())
        while todo:
            rule = todo.pop()
            yield rule
            todo += rule.get("patterns", [])
            for key in ("captures", "beginCaptures", "endCaptures"):
                for cap in rule.get(key, {}).values():
                    todo += cap.get("patterns", [])

    def test_package_contributes_language_grammar_and_configuration(self):
        contributes = self.package["contributes"]
        (lang,) = contributes["languages"]
        self.assertEqual((lang["id"], lang["extensions"]), ("keel-idl", [".idl"]))
        (gram,) = contributes["grammars"]
        self.assertEqual(gram["language"], "keel-idl")
        self.assertEqual(gram["scopeName"], self.grammar["scopeName"])
        self.assertEqual(self.grammar["scopeName"], "source.keel-idl")
        for rel in (lang["configuration"], gram["path"]):
            self.assertTrue(os.path.isfile(os.path.join(VSCODE, rel)), rel)

    def test_grammar_structure(self):
        self.assertTrue(self.grammar["patterns"])
        used = set()
        for rule in self.rules():
            kinds = [k for k in ("include", "match", "begin") if k in rule]
            self.assertLessEqual(len(kinds), 1, rule)
            self.assertTrue(kinds or "patterns" in rule, rule)
            self.assertEqual("begin" in rule, "end" in rule, rule)
            if "include" in rule:
                inc = rule["include"]
                self.assertTrue(inc == "$self" or inc[1:] in self.grammar["repository"], inc)
                used.add(inc[1:])
            for key in ("captures", "beginCaptures", "endCaptures"):
                for group, cap in rule.get(key, {}).items():
                    self.assertTrue(group.isdigit() and ("name" in cap or "patterns" in cap))
            names = [rule.get("name")] + [c.get("name") for k in ("captures", "beginCaptures",
                                                                 "endCaptures")
                                          for c in rule.get(k, {}).values()]
            for name in filter(None, names):
                self.assertTrue(name.endswith(".keel-idl"), name)
        self.assertEqual(set(self.grammar["repository"]) - used, set(), "unused entries")

    def test_regexes_compile_and_are_portable(self):
        regexes = [r[k] for r in self.rules() for k in ("match", "begin", "end") if k in r]
        indent = self.config["indentationRules"]
        regexes += [indent["increaseIndentPattern"], indent["decreaseIndentPattern"],
                    self.config["wordPattern"]]
        regexes += [r["beforeText"] for r in self.config["onEnterRules"]]
        self.assertGreater(len(regexes), 10)
        for rx in regexes:
            with self.subTest(regex=rx):
                self.assertIsNone(NOT_PORTABLE.search(rx), "syntax Python's re reads otherwise")
                re.compile(rx)

    def test_language_configuration(self):
        self.assertEqual(self.config["comments"], {"lineComment": "//"})
        pairs = [["{", "}"], ["(", ")"], ["<", ">"]]
        self.assertEqual(self.config["brackets"], pairs)
        self.assertEqual([[p["open"], p["close"]] for p in self.config["autoClosingPairs"]],
                         pairs)
        increase = re.compile(self.config["indentationRules"]["increaseIndentPattern"])
        decrease = re.compile(self.config["indentationRules"]["decreaseIndentPattern"])
        for line in ("interface Echo {", "struct Point { // a point"):
            self.assertTrue(increase.search(line), line)
        for line in ("// {", "    1: echo() -> ();", "}"):
            self.assertFalse(increase.search(line), line)
        self.assertTrue(decrease.search("    }"))
        on_enter = re.compile(self.config["onEnterRules"][0]["beforeText"])
        self.assertTrue(on_enter.search("    /// doc"))
        self.assertFalse(on_enter.search("    //// not doc"))


class VimFiles(unittest.TestCase):
    def test_groups_defined_and_linked(self):
        """Every linked group is defined, and every visible group is linked."""
        with open(os.path.join(VIM, "syntax", "keelidl.vim"), encoding="utf-8") as f:
            text = re.sub(r"\n\s*\\", "", f.read())  # join continuation lines
        defined = dict(re.findall(r"^syn (?:keyword|match|region) (\w+)(.*)$", text, re.M))
        linked = dict(re.findall(r"^hi def link (\w+) (\w+)$", text, re.M))
        self.assertGreater(len(defined), 10)
        self.assertEqual(set(linked) - set(defined), set(), "linked but not defined")
        visible = {g for g, rest in defined.items() if "transparent" not in rest.split()}
        self.assertEqual(visible - set(linked), set(), "defined but never linked")
        for group, rest in defined.items():
            for name in re.findall(r"contains=(\S+)", rest):
                for item in name.split(","):
                    self.assertTrue(item.startswith("@") or item in defined, item)

    def test_ftdetect_overrides_vims_own_idl_detection(self):
        with open(os.path.join(VIM, "ftdetect", "keelidl.vim"), encoding="utf-8") as f:
            self.assertRegex(f.read(), r"(?m)^autocmd BufNewFile,BufRead \*\.idl set "
                                       r"filetype=keelidl$")


if __name__ == "__main__":
    unittest.main()
