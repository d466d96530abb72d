"""tools/trace on the real system: the standard image booted by `tools/run --cmdline trace
--debugcon FILE` (what tools/trace runs), its stream converted as it arrives until the known
start-up calls are there, then QEMU stopped. The shell prints its prompt through the console,
which writes it to the serial server: both calls must appear as slices named from the IDL on
the caller's and the server's threads, joined by flows there and back, every unit of the
manifest named, and the JSON valid.

usage: trace_live_test.py IMAGE.iso RUN (tools/run)"""
import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest

sys.dont_write_bytecode = True
REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, REPO)

from tools.devtools import trace, trace_validate  # noqa: E402

UNITS = {"image_init", "serial", "console", "keyboard", "devmgr", "memory", "shell"}
# (caller unit, method, server unit): the prompt's way out.
CALLS = [("shell", "keel.console.Console.write_now", "console"),
         ("console", "keel.serial.Serial.write", "serial")]
DEADLINE_S = 240


def names(doc):
    procs = {e["pid"]: e["args"]["name"] for e in doc["traceEvents"]
             if e["ph"] == "M" and e["name"] == "process_name"}
    return procs


def enclosing(doc, event):
    """The name of the slice a flow event binds to: the one on its track around its time."""
    for e in doc["traceEvents"]:
        if (e["ph"] == "X" and (e["pid"], e["tid"]) == (event["pid"], event["tid"])
                and e["ts"] <= event["ts"] <= e["ts"] + e["dur"]):
            return e["name"]
    return None


def round_trips(doc, caller, method, server):
    """The calls `caller` made of `method` on `server` that came back: [(request flow start,
    request flow end, reply flow start, reply flow end)]."""
    procs = names(doc)
    flows = {}
    for e in doc["traceEvents"]:
        if e["ph"] in "sf" and e.get("cat") == "ipc":
            flows.setdefault(e["name"], {}).setdefault(e["id"], {})[e["ph"]] = e
    out = []
    requests = [f for f in flows.get(method, {}).values()
                if procs.get(f["s"]["pid"]) == caller and procs.get(f["f"]["pid"]) == server]
    replies = list(flows.get(method + " reply", {}).values())
    for req in requests:
        back = [r for r in replies if r["s"]["tid"] == req["f"]["tid"]
                and r["f"]["tid"] == req["s"]["tid"] and r["s"]["ts"] >= req["f"]["ts"]]
        if back:
            out.append((req["s"], req["f"], back[0]["s"], back[0]["f"]))
    return out


class Live(unittest.TestCase):
    def capture(self, iso, run):
        """Converts the stream as it grows until every call of CALLS made its round trip;
        returns the last document."""
        tmp = tempfile.mkdtemp(dir=os.environ.get("TEST_TMPDIR"))
        stream = os.path.join(tmp, "stream.bin")
        log = open(os.path.join(tmp, "serial.log"), "w+b")
        proc = subprocess.Popen([run, "--iso", iso, "--cmdline", "trace", "--debugcon", stream,
                                 "--timeout", str(DEADLINE_S)], stdin=subprocess.DEVNULL,
                                stdout=log, stderr=subprocess.STDOUT)
        doc = last = None
        try:
            while proc.poll() is None:
                if os.path.exists(stream) and os.path.getsize(stream) > 0:
                    with open(stream, "rb") as f:
                        data = f.read()
                    try:
                        doc = trace.convert(data, REPO)[0]
                    except trace.TraceError as e:  # e.g. no whole block written yet
                        last = "%d bytes: %s" % (len(data), e)
                        doc = None
                    if doc is not None and all(round_trips(doc, *c) for c in CALLS):
                        return doc
                time.sleep(0.5)  # the stream grows every 10 ms: look again
            log.seek(0)
            self.fail("tools/run ended (status %s) before the calls were traced; last "
                      "conversion: %s\n--- output:\n%s" % (
                          proc.returncode, len(doc["traceEvents"]) if doc else last,
                          log.read().decode(errors="replace")[-3000:]))
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)  # tools/run stops QEMU and removes its copy
            proc.wait()
            log.close()

    def test_prompt_is_traced(self):
        doc = self.capture(*ARGS)
        self.assertEqual(trace_validate.validate(doc), [])
        self.assertLessEqual(UNITS, set(names(doc).values()))
        for caller, method, server in CALLS:
            req_s, req_f, rep_s, rep_f = round_trips(doc, caller, method, server)[0]
            self.assertEqual(enclosing(doc, req_s), "ipc_call " + method)
            self.assertTrue(enclosing(doc, req_f).startswith("ipc_"), enclosing(doc, req_f))
            self.assertIn(method, enclosing(doc, req_f))
            self.assertTrue(enclosing(doc, rep_s).startswith("ipc_reply"), enclosing(doc, rep_s))
            self.assertEqual(enclosing(doc, rep_f), "ipc_call " + method)
            self.assertLessEqual(req_s["ts"], req_f["ts"])
            self.assertLessEqual(req_f["ts"], rep_s["ts"])


if __name__ == "__main__":
    ARGS = sys.argv[1:3]
    unittest.main(argv=sys.argv[:1] + sys.argv[3:])
