"""Checks the user runtime's syscall wrappers against the ABI header: every SYS_* number in
<keel/abi.h> has exactly one wrapper, wrappers name numbers only by their constants, and every
call the headers declare is defined. Usage: abi_wrappers_test.py ABI_H SYSCALL_C SYSCALL_H"""

import re
import sys
import unittest

FILES = {}


def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    return re.sub(r"//[^\n]*", " ", text)


def abi_syscalls():
    """{name: number} of the SYS_* defines, without SYS_COUNT (the table size)."""
    defs = re.findall(r"^#define\s+(SYS_\w+)\s+(\d+)", FILES["abi"], flags=re.M)
    return {name: int(num) for name, num in defs}


def raw_call_numbers():
    """The first argument of every syscall_raw(...) call in syscall.c."""
    return re.findall(r"\bsyscall_raw\(\s*([^,\s)]+)", strip_comments(FILES["syscall_c"]))


def declared_functions(text, pattern):
    return set(re.findall(pattern, strip_comments(text), flags=re.M))


def defined_functions(text):
    """Names of functions with a body: a declarator followed (maybe across lines) by '{'."""
    return set(re.findall(r"^[a-z_][\w \*]*?\b(\w+)\([^;{]*\)\s*\{", strip_comments(text),
                          flags=re.M))


class AbiWrappersTest(unittest.TestCase):
    def test_numbers_are_unique_and_in_range(self):
        calls = abi_syscalls()
        count = calls.pop("SYS_COUNT")
        self.assertTrue(calls, "no SYS_* numbers found in abi.h")
        self.assertEqual(len(set(calls.values())), len(calls), "duplicate syscall numbers")
        for name, num in calls.items():
            self.assertTrue(0 < num < count, "%s = %d is outside 1..SYS_COUNT-1" % (name, num))

    def test_every_syscall_has_exactly_one_wrapper(self):
        calls = abi_syscalls()
        calls.pop("SYS_COUNT")
        used = raw_call_numbers()
        for name in calls:
            self.assertEqual(used.count(name), 1, "%s: %d wrappers" % (name, used.count(name)))

    def test_wrappers_use_the_header_constants(self):
        calls = abi_syscalls()
        self.assertIn("#include <keel/abi.h>", FILES["syscall_c"])
        for arg in raw_call_numbers():
            self.assertIn(arg, calls, "syscall_raw(%s, ...): not a SYS_* constant" % arg)
            self.assertNotEqual(arg, "SYS_COUNT")
        for key in ("syscall_c", "syscall_h"):
            self.assertNotRegex(FILES[key], r"#define\s+SYS_", "%s redefines SYS_*" % key)

    def test_declared_calls_are_defined(self):
        defined = defined_functions(FILES["syscall_c"])
        wanted = declared_functions(FILES["abi"], r"^int32_t\s+(\w+)\(")
        wanted |= declared_functions(FILES["syscall_h"], r"\b(sys_\w+)\(")
        self.assertIn("ipc_call", wanted)
        self.assertIn("sys_yield", wanted)
        self.assertEqual(sorted(wanted - defined), [], "declared but not defined")


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    for key, path in zip(("abi", "syscall_c", "syscall_h"), sys.argv[1:4]):
        with open(path, encoding="utf-8") as f:
            FILES[key] = f.read()
    unittest.main(argv=sys.argv[:1] + sys.argv[4:])


if __name__ == "__main__":
    main()
