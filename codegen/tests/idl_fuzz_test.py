"""Mutational fuzzer for idlc's front end and generator. Starting from every valid .idl in the
tree it applies seeded random mutations (token and line edits, hostile numbers, deep nesting,
unicode, NUL bytes, CRLF, truncation, long names, repeated attributes, recursive references...)
and runs `check`, then `gen`, `layout` and `doc` on what passes. It asserts the promise of
docs/idl.md: exit status 0 or 1, never a traceback or E0900, every error names file:line:col
with the source line and a caret, and accepted input generates C that gcc accepts.

Default: a short fixed-seed run. Longer: idl_fuzz_test.py --iterations 20000 [--seed N].
"""

import argparse
import glob
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

import testlib
from codegen.idl import fmt, frontend, layoutfmt, lockfile
from codegen.idl.errors import IdlError, escape_line

ITERATIONS = 1500
HOST_CC = ["gcc", "clang"]
I686_CC = ["i686-linux-gnu-gcc", "-ffreestanding", "-fno-pic", "-mgeneral-regs-only"]
SEED = 20240611
COMPILE_EVERY = 25  # compile every Nth accepted mutant's C with gcc, clang and i686 gcc
HEAD = re.compile(r"^(?P<path>.+):(?P<line>\d+):(?P<col>\d+): error (?P<code>E\d{4}) "
                  r"[a-z-]+: \S")
TOKEN = re.compile(r"///[^\n]*|//[^\n]*|[A-Za-z_][A-Za-z0-9_]*|-?[0-9][A-Za-z0-9_]*|->|\S")
KEYWORDS = ["library", "const", "enum", "struct", "interface", "reserved", "oneway", "error",
            "string", "bytes", "array", "cap", "u8", "u16", "u32", "u64", "i8", "i16", "i32",
            "i64", "bool", "endpoint", "channel", "memory", "READ", "WRITE", "GRANT", "@id(1)",
            "@version(1)", "@rights(READ)", "@rights()", "@id(0x7fff)", "@foo(1)", "///"]
PUNCT = list(";:,.{}()<>|=@-/") + ["->", "///", "//", "\\", "#", "\"", "'", "`", "$"]
NUMBERS = ["0", "1", "-1", "255", "256", "65535", "65536", "0x7fff", "0x8000", "0x", "00",
           "0x7fffffff", "2147483648", "4294967295", "4294967296", "9223372036854775807",
           "-9223372036854775808", "-9223372036854775809", "18446744073709551615",
           "18446744073709551616", "99999999999999999999", "0xFFFFFFFFFFFFFFFF", "1e3", "1_0"]
UNICODE = ["\u00e9", "\u0130", "\u00df", "\u0663", "\u00b2", "\ufeff", "\u200b", "\u2028",
           "\u0085", "\U0001F600", "\x0b", "\x0c", "\x00", "\r", "\t",
           "\udcff", "\udcc3", "\udce2\udc82"]  # \udcXX: the raw byte XX (invalid UTF-8)
SNIPPETS = [
    "struct Loop { next: Loop; }", "struct Aa { b: Bb; } struct Bb { a: array<Aa, 2>; }",
    "const SELF: u8 = SELF;", "const BIG: u64 = 18446744073709551615;",
    "const NEG: i64 = -9223372036854775808;", "const N: u8 = 0;",
    "struct Huge { a: array<array<array<array<u64, 256>, 256>, 256>, 256>; }",
    "struct Wide { a: array<string<255>, 256>; }",
    "enum Full : i8 { A = -128; B = 127; }", "enum Big : u64 { A = 18446744073709551615; }",
    "enum Neg : i64 { A = -9223372036854775808; B = 9223372036854775807; }",
    "@id(2) @version(1) interface Other { 1: f(x: string<B>) -> (y: array<u8, B>); }",
    "@id(3) @version(65535) interface Caps { 1: f(a: cap<irq, ADMIN>, b: cap<unit, READ|WRITE"
    "|EXECUTE|GRANT|ADMIN>) -> (c: cap<thread, GRANT>); reserved 2, 3, 65535; }",
    "struct Pad { a: u8; b: u64; c: u8; d: array<Pad2, 3>; } struct Pad2 { x: u16; y: u8; }",
    "@id(4) @version(1) interface Padded { 1: f(p: Pad) -> (q: array<Pad2, 7>); }",
]
LIB_NAMES = ["idl", "err", "ipc", "cap", "sys", "int8", "uint8", "size", "keel", "a.b.c.d",
             "x" * 300, "a1", "main", "stdint", "bool", "true"]


def seeds():
    pats = ["codegen/testdata/*.idl", "idl/*.idl", "codegen/examples/**/*.idl"]
    out = []
    for pat in pats:
        for path in sorted(glob.glob(testlib.repo_path(pat), recursive=True)):
            with open(path, encoding="utf-8") as fh:
                out.append((os.path.relpath(path, testlib.ROOT), fh.read()))
    return out


def nested(depth, leaf="u8", bound="1"):
    return "array<" * depth + leaf + "".join(f", {bound}>" for _ in range(depth))


class Mutator:
    """Applies one random mutation to a source text; every choice comes from self.rng."""

    def __init__(self, rng):
        self.rng = rng
        self.ops = [self.tok_delete, self.tok_duplicate, self.tok_swap, self.tok_replace,
                    self.line_delete, self.line_duplicate, self.line_swap, self.insert,
                    self.number, self.deep, self.unicode, self.crlf, self.tabs, self.truncate,
                    self.long_ident, self.repeat_attr, self.self_ref, self.snippet,
                    self.library, self.empty, self.bound]

    def mutate(self, text):
        for _ in range(self.rng.choice([1, 1, 1, 2, 3, 5])):
            text = self.rng.choice(self.ops)(text)
        return text

    def spans(self, text, pattern=TOKEN):
        return [m.span() for m in pattern.finditer(text)]

    def pick(self, text, pattern=TOKEN):
        spans = self.spans(text, pattern)
        return self.rng.choice(spans) if spans else (0, 0)

    def tok_delete(self, text):
        a, b = self.pick(text)
        return text[:a] + text[b:]

    def tok_duplicate(self, text):
        a, b = self.pick(text)
        return text[:b] + " " + text[a:b] + text[b:]

    def tok_swap(self, text):
        spans = self.spans(text)
        if len(spans) < 2:
            return text
        (a, b), (c, d) = sorted(self.rng.sample(spans, 2))
        return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]

    def tok_replace(self, text):
        a, b = self.pick(text)
        toks = [text[x:y] for x, y in self.spans(text)] or ["x"]
        return text[:a] + self.rng.choice(toks) + text[b:]

    def lines(self, text):
        return text.split("\n")

    def line_delete(self, text):
        lines = self.lines(text)
        del lines[self.rng.randrange(len(lines))]
        return "\n".join(lines)

    def line_duplicate(self, text):
        lines = self.lines(text)
        i = self.rng.randrange(len(lines))
        lines.insert(i, lines[i])
        return "\n".join(lines)

    def line_swap(self, text):
        lines = self.lines(text)
        i, j = self.rng.randrange(len(lines)), self.rng.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "\n".join(lines)

    def insert_at(self, text, what):
        spans = self.spans(text)
        pos = self.rng.choice(spans)[self.rng.randrange(2)] if spans else 0
        return text[:pos] + what + text[pos:]

    def insert(self, text):
        what = self.rng.choice([self.rng.choice(KEYWORDS), self.rng.choice(PUNCT)])
        return self.insert_at(text, self.rng.choice(["", " "]) + what + " ")

    def number(self, text):
        spans = self.spans(text, re.compile(r"-?\b[0-9][A-Za-z0-9_]*"))
        num = self.rng.choice(NUMBERS + [str(self.rng.randrange(-300, 70000))])
        if not spans:
            return self.insert_at(text, f" {num} ")
        a, b = self.rng.choice(spans)
        return text[:a] + num + text[b:]

    def deep(self, text):
        depth = self.rng.choice([2, 5, 30, 200, 1000, 5000])
        leaf = self.rng.choice(["u8", "u64", "bool", "string<1>", "Position", "Color"])
        t = nested(depth, leaf, self.rng.choice(["1", "2", "256"]))
        return self.type_swap(text, t)

    def type_swap(self, text, t):
        spans = self.spans(text, re.compile(r"(?<=: )[A-Za-z_][A-Za-z0-9_]*(<[^;()]*>)?"))
        if not spans:
            return self.insert_at(text, f" struct Deep {{ x: {t}; }} ")
        a, b = self.rng.choice(spans)
        return text[:a] + t + text[b:]

    def unicode(self, text):
        return self.insert_at(text, self.rng.choice(UNICODE) * self.rng.choice([1, 1, 3]))

    def crlf(self, text):
        return text.replace("\n", self.rng.choice(["\r\n", "\r", "\n\r", "\n\n"]))

    def tabs(self, text):
        return text.replace("    ", "\t").replace(" ", self.rng.choice(["\t", "\t\t", " \t"]))

    def truncate(self, text):
        return text[:self.rng.randrange(len(text) + 1)]

    def long_ident(self, text):
        spans = self.spans(text, re.compile(r"\b[A-Za-z_][A-Za-z0-9_]*"))
        if not spans:
            return text
        a, b = self.rng.choice(spans)
        n = self.rng.choice([64, 1000, 20000])
        return text[:a] + (text[a:b] * (n // max(1, b - a) + 1))[:n] + text[b:]

    def repeat_attr(self, text):
        spans = self.spans(text, re.compile(r"@[a-z]+\([^)]*\)"))
        if not spans:
            return self.insert(text)
        a, b = self.rng.choice(spans)
        return text[:b] + (" " + text[a:b]) * self.rng.choice([1, 2, 50]) + text[b:]

    def self_ref(self, text):
        names = re.findall(r"\b(?:struct|enum|const)\s+([A-Za-z_][A-Za-z0-9_]*)", text)
        if not names:
            return self.snippet(text)
        name = self.rng.choice(names)
        if self.rng.random() < 0.5:
            return self.type_swap(text, name)
        bound = self.rng.choice([f"string<{name}>", f"bytes<{name}>", f"array<u8, {name}>"])
        return self.type_swap(text, bound)

    def snippet(self, text):
        spans = [m.end() for m in re.finditer(r"(?m)^(library[^\n]*|\})$", text)]
        pos = self.rng.choice(spans) if spans else len(text)
        return text[:pos] + "\n" + self.rng.choice(SNIPPETS) + "\n" + text[pos:]

    def library(self, text):
        return re.sub(r"library\s+[^;]*;", "library " + self.rng.choice(LIB_NAMES) + ";",
                      text, count=1)

    def empty(self, text):
        return self.rng.choice(["", "\n", " ", "library", "library a;", "\x00", "///"])

    def bound(self, text):
        spans = self.spans(text, re.compile(r"(?<=[<,] )[0-9A-Z_]+(?=>)|(?<=<)[0-9A-Z_]+(?=>)"))
        num = self.rng.choice(NUMBERS + ["LINE_MAX", "B", "NOPE"])
        if not spans:
            return self.type_swap(text, f"string<{num}>")
        a, b = self.rng.choice(spans)
        return text[:a] + num + text[b:]


class Fuzzer:
    """Runs idlc in-process on mutants and records every broken promise."""

    def __init__(self, seed, iterations, tmp):
        self.rng, self.iterations, self.tmp = random.Random(seed), iterations, tmp
        self.mutator = Mutator(self.rng)
        self.path = os.path.join(tmp, "mutant.idl")
        self.failures, self.stats, self.compiled, self.formatted = [], {}, 0, 0

    def run(self):
        corpus = seeds()
        accepted = 0
        for n in range(self.iterations):
            name, text = corpus[n % len(corpus)]
            mutant = self.mutator.mutate(text)
            if self.one(mutant) and not self.failures:
                accepted += 1
                if accepted % COMPILE_EVERY == 1:
                    self.compile(mutant)
            if len(self.failures) >= 5:
                break
        return accepted

    def fail(self, what, mutant, output):
        keep = os.path.join(self.tmp, f"failure{len(self.failures)}.idl")
        with open(keep, "wb") as fh:
            fh.write(mutant.encode("utf-8", "surrogateescape"))
        self.failures.append(f"{what} (input kept as {keep}):\n{output[-3000:]}")

    def one(self, mutant):
        """Checks one mutant; returns True if idlc accepted it (and gen/layout/doc worked)."""
        with open(self.path, "wb") as fh:
            fh.write(mutant.encode("utf-8", "surrogateescape"))
        status, out, err = testlib.run_idlc("check", self.path)
        if not self.well_formed(status, out, err, mutant):
            return False
        self.check_fmt(mutant, accepted=status == 0)
        if status == 1:
            code = HEAD.match(err)["code"]
            self.stats[code] = self.stats.get(code, 0) + 1
            return False
        self.stats["ok"] = self.stats.get("ok", 0) + 1
        gen = os.path.join(self.tmp, "gen")
        for argv in (["gen", self.path, "-o", gen], ["layout", self.path],
                     ["doc", self.path]):
            status, out, err = testlib.run_idlc(*argv)
            if status != 0 or err or (argv[0] != "gen" and not out):
                self.fail(f"`check` passed but `{argv[0]}` gave status {status}", mutant, err)
                return False
        return True

    def check_fmt(self, mutant, accepted):
        """fmt is idempotent on whatever parses and, on what checks, changes neither the
        layout nor the lock data (the formatter itself refuses any change of tokens)."""
        try:
            shown, text = frontend.read_source(self.path)
            once = fmt.format_text(shown, text)
        except IdlError as exc:
            if exc.code == "E0900":
                self.fail("fmt: internal error", mutant, exc.render())
            return
        self.formatted += 1
        if fmt.format_text(shown, once) != once:
            self.fail("fmt is not idempotent", mutant, once)
        if not accepted:
            return
        before = (layoutfmt.render(frontend.load(self.path)),
                  lockfile.dump(lockfile.api_of(frontend.load(self.path))))
        with open(self.path, "w", encoding="utf-8") as fh:
            fh.write(once)
        after = (layoutfmt.render(frontend.load(self.path)),
                 lockfile.dump(lockfile.api_of(frontend.load(self.path))))
        with open(self.path, "wb") as fh:
            fh.write(mutant.encode("utf-8", "surrogateescape"))
        if before != after:
            self.fail("fmt changed the layout or the lock data", mutant, once)

    def well_formed(self, status, out, err, mutant):
        if status not in (0, 1) or "Traceback" in err or "E0900" in err:
            self.fail(f"status {status}, traceback or internal error", mutant, err)
            return False
        if status == 0:
            if out or err:
                self.fail("`check` succeeded but printed something", mutant, out + err)
            return not (out or err)
        problem = diagnostic_problem(err, mutant, testlib.ROOT, self.path)
        if problem or out:
            self.fail(problem or "`check` wrote to stdout", mutant, err)
            return False
        return True

    def compile(self, mutant):
        """Every file `check` accepts generates C that compiles warning-free with gcc and
        clang for the host (the malformed-message test too) and freestanding for i686."""
        gen = os.path.join(self.tmp, "gen")
        srcs = sorted(glob.glob(os.path.join(gen, "mutant_*.c")))
        target = [s for s in srcs if not s.endswith("_malformed_test.c")]
        for cc, files in (([HOST_CC[0]], srcs), ([HOST_CC[1]], srcs), (I686_CC, target)):
            if not shutil.which(cc[0]):
                continue
            cmd = (cc + ["-std=c11", "-Wall", "-Wextra", "-Werror", "-fsyntax-only",
                         "-Ikernel/abi/include", "-Icodegen/runtime/include",
                         "-Icodegen/runtime/fake", f"-I{gen}"] + files)
            proc = subprocess.run(cmd, cwd=testlib.ROOT, capture_output=True, text=True)
            if proc.returncode != 0:
                self.fail(f"generated C does not compile with {cc[0]}", mutant, proc.stderr)
                break
        self.compiled += 1
        shutil.rmtree(gen)


def diagnostic_problem(err, text, root, path):
    """None if err is one well-formed idlc diagnostic for text, else what is wrong with it."""
    lines = err.split("\n")
    head = HEAD.match(lines[0])
    if not head:
        return "error without file:line:col"
    if os.path.normpath(os.path.join(root, head["path"])) != os.path.normpath(path):
        return f"error names {head['path']}, not the input"
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    src = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")  # universal newlines
    line, col = int(head["line"]), int(head["col"])
    if not 1 <= line <= len(src) or not 1 <= col <= len(src[line - 1]) + 1:
        return f"location {line}:{col} is outside the input"
    shown = src[line - 1].replace(chr(9), " ")
    if len(lines) < 3 or lines[1] != f"  {line:4d} | {escape_line(shown)}":
        return "the source line is not shown (control characters escaped)"
    if any(c < " " and c != "\n" for c in err):
        return "the diagnostic contains a raw control character"
    caret = lines[2]
    if not caret.startswith("       | " + " " * len(escape_line(shown[:col - 1])) + "^"):
        return "no caret under the location"
    return None


# Accepted inputs that once generated C a compiler refused; each must keep compiling.
EDGE_CASES = [
    "library edge.one;\n@id(1) @version(1)\ninterface Edge {\n"
    "    1: f(s: string<1>, b: bytes<1>) -> (t: string<1>, c: bytes<1>);\n}\n",
    # Doc comments holding C comment delimiters, trigraphs and a trailing backslash.
    "/// a /* b */ c ??/ d ??= e \\\nlibrary edge.docs;\n/// */ closes; /* opens \\\n"
    "struct S {\n    /// ??( ??) ??< ??> */\n    x: u8;\n}\n@id(2) @version(1)\n"
    "/// interface */ doc\ninterface I {\n    /// method /* doc\n    1: f(\n"
    "        /// param */ doc\n        s: S\n    ) -> (\n        /// result ??/\n"
    "        r: u8\n    );\n    /// event */\n    2: event e(s: S);\n}\n",
    # A library with types and constants but no interface; one with a constant only; none.
    "library edge.types;\nconst N: u8 = 3;\nenum E : u8 { A = 1; }\n"
    "struct S { e: E; s: string<N>; a: array<bool, N>; }\n",
    "library edge.constant;\nconst N: i64 = -9223372036854775808;\n",
    "library edge.empty;\n",
    # Names the generated code once used for its own variables are ordinary names now.
    "library edge.names;\nstruct Msg { req: u8; resp: u8; msg: u8; info: u8; p: u8; v: u8; }\n"
    "@id(3) @version(1)\ninterface Names {\n"
    "    1: call(ctx: u8, caller: u8, ep: u8, timeout_us: u64, rc: i32, i: u8, i0: u8,\n"
    "            state: u8, client: u8, data: u8, len: u8, type: u8) -> (srv: u8, reply: Msg);\n"
    "    2: event changed(sub: u8, from: u8, evt: u8, channel: u8);\n}\n",
]


class IdlFuzzTest(unittest.TestCase):
    iterations, seed = ITERATIONS, SEED

    def test_edge_cases_compile(self):
        tmp = tempfile.mkdtemp(prefix="idlc-edge-")
        fuzzer = Fuzzer(self.seed, 0, tmp)
        for text in EDGE_CASES:
            self.assertTrue(fuzzer.one(text), "\n\n".join(fuzzer.failures))
            fuzzer.compile(text)
        self.assertEqual(fuzzer.failures, [], "\n\n".join(fuzzer.failures))
        shutil.rmtree(tmp)

    def test_mutants_keep_the_promise(self):
        tmp = tempfile.mkdtemp(prefix="idlc-fuzz-")
        fuzzer = Fuzzer(self.seed, self.iterations, tmp)
        accepted = fuzzer.run()
        print(f"idl fuzz: seed {self.seed}, {self.iterations} mutants, {accepted} accepted, "
              f"{fuzzer.compiled} compiled, {fuzzer.formatted} formatted; "
              f"{dict(sorted(fuzzer.stats.items()))}", file=sys.stderr)
        self.assertEqual(fuzzer.failures, [], "\n\n".join(fuzzer.failures))
        self.assertGreater(accepted, 0)
        self.assertGreater(fuzzer.compiled, 0)
        self.assertGreater(fuzzer.formatted, accepted)
        shutil.rmtree(tmp)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--iterations", type=int, default=ITERATIONS)
    p.add_argument("--seed", type=int, default=SEED)
    args, rest = p.parse_known_args()
    IdlFuzzTest.iterations, IdlFuzzTest.seed = args.iterations, args.seed
    unittest.main(argv=[sys.argv[0]] + rest)


if __name__ == "__main__":
    main()
