#!/usr/bin/python3
"""Host tests of qemu_test.py's input side: escapes, text to sendkey names, and the order in
which send and sendkey steps fire (a pipe and a fake monitor socket stand in for QEMU)."""
import os
import socket
import tempfile
import threading
import unittest

import qemu_test


def args_for(send=(), sendkey=()):
    argv = ["--iso", "x.iso"]
    for regex, text in send:
        argv += ["--send-on=" + regex, "--send-text=" + text]
    for regex, text in sendkey:
        argv += ["--sendkey-on=" + regex, "--sendkey-text=" + text]
    return qemu_test.parse_args(argv)


class Escapes(unittest.TestCase):
    def test_unescape(self):
        self.assertEqual(qemu_test.unescape(r"a\r\n\t\\b\x41"), "a\r\n\t\\bA")
        self.assertEqual(qemu_test.unescape(r"\q\x4"), r"\q\x4")  # unknown: kept as is

    def test_text_to_keys(self):
        self.assertEqual(qemu_test.text_to_keys("Hello 1\n"),
                         ["shift-h", "e", "l", "l", "o", "spc", "1", "ret"])
        self.assertEqual(qemu_test.text_to_keys("!-_?{esc}"),
                         ["shift-1", "minus", "shift-minus", "shift-slash", "esc"])
        with self.assertRaises(ValueError):
            qemu_test.text_to_keys("\u00e9")

    def test_bad_arguments(self):
        with self.assertRaises(SystemExit):
            qemu_test.parse_args(["--iso", "x", "--send-on=a"])
        with self.assertRaises(SystemExit):
            args_for(sendkey=[("a", "\u00e9")])


class Firing(unittest.TestCase):
    def test_send_steps_fire_in_order_once_per_line(self):
        feed = qemu_test.Input(args_for(send=[("^go", r"one\r"), ("^go", "two")]), None)
        r, w = os.pipe()
        feed.stdin = os.fdopen(w, "wb")
        log = []
        feed.line("nothing", log)
        feed.line("go", log)
        self.assertFalse(feed.done())
        feed.line("go again", log)
        self.assertTrue(feed.done())
        feed.stdin.close()
        self.assertEqual(os.read(r, 100), b"one\rtwo")
        self.assertEqual(len(log), 2)

    def test_missing_steps_are_named(self):
        feed = qemu_test.Input(args_for(send=[("^never", "x")], sendkey=[("^no", "a")]), None)
        self.assertEqual(feed.missing(), ["send on '^never'", "sendkey on '^no'"])

    def test_sendkey_reaches_the_monitor(self):
        tmp = tempfile.mkdtemp(dir="/tmp")
        path = os.path.join(tmp, "mon")
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(1)
        got = []

        def monitor():
            conn, _ = server.accept()
            conn.sendall(b"QEMU monitor\n")
            data = b""
            while data.count(b"\n") < 2:
                data += conn.recv(100)
            got.append(data)
            conn.close()

        t = threading.Thread(target=monitor)
        t.start()
        feed = qemu_test.Input(args_for(sendkey=[("^ready", "A ")]), path)
        log = []
        feed.line("ready", log)
        t.join(10)
        feed.close()
        server.close()
        os.unlink(path)
        os.rmdir(tmp)
        self.assertEqual(feed.errors, [])
        self.assertEqual(got, [b"sendkey shift-a\nsendkey spc\n"])


if __name__ == "__main__":
    unittest.main()
