"""Checks a Chrome Trace Event document (the JSON Object Format: {"traceEvents": [...],
"displayTimeUnit": ...}) against the format's rules, as Perfetto's and Chrome's importers
apply them, so a converter bug shows as a named error instead of a silently empty track:

- every event is an object with a known phase `ph`; the fields each phase needs are there
  with the right types (name, numeric ts, integer pid and tid; X a numeric dur >= 0; instants
  a scope g, p or t; flows an id, f a binding point "e" if any; metadata a known name with
  its args);
- duration events: per track (pid, tid) B and E in timestamp order, each E closing a B (of
  the same name if it names one), none left open; X slices on a track nest (one inside
  another or after it, never overlapping partly, not even by a rounding error);
- flows: each id (within its category) has exactly one start s and one end f, the end not
  before the start, steps t between them.

validate(doc) returns the list of errors (empty when the document is valid), each naming the
event by its index in traceEvents. `python3 -m tools.devtools.trace_validate FILE` prints
them and exits 1 if any."""
import json
import numbers
import sys

PHASES = set("BEXiIsftMCbneNODPpRc()")
META = {"process_name": "name", "thread_name": "name", "process_labels": "labels",
        "process_sort_index": "sort_index", "thread_sort_index": "sort_index",
        "process_uptime_seconds": "uptime"}
TIME_UNITS = ("ms", "ns")


def is_num(v):
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def fields(i, e, errors):
    """The per-phase field rules of event i; True if the event can be checked further."""
    ph = e.get("ph")
    if ph not in PHASES:
        errors.append("event %d: unknown phase %r" % (i, ph))
        return False
    need_name = ph in "XBiIsftMC"
    if need_name and not isinstance(e.get("name"), str):
        errors.append("event %d (ph %s): no name" % (i, ph))
    if ph != "M" and not is_num(e.get("ts")):
        errors.append("event %d (ph %s): ts %r is not a number" % (i, ph, e.get("ts")))
        return False
    scope = e.get("s", "t")
    if ph in "iI" and scope not in ("g", "p", "t"):
        errors.append("event %d: instant scope %r is not g, p or t" % (i, scope))
    global_instant = ph in "iI" and scope == "g"
    for key in ("pid", "tid"):
        if not global_instant and not is_int(e.get(key)):
            errors.append("event %d (ph %s): %s %r is not an integer" % (i, ph, key, e.get(key)))
            return False
    if ph == "X" and not (is_num(e.get("dur")) and e["dur"] >= 0):
        errors.append("event %d: complete event %r has dur %r, not a number >= 0" % (
            i, e.get("name"), e.get("dur")))
    if ph in "stf" and not (is_int(e.get("id")) or isinstance(e.get("id"), str)):
        errors.append("event %d: flow event %r has no id" % (i, e.get("name")))
        return False
    if ph == "f" and e.get("bp", "e") != "e":
        errors.append("event %d: flow end binding point %r is not \"e\"" % (i, e.get("bp")))
    if ph == "M":
        return metadata(i, e, errors)
    if "args" in e and not isinstance(e["args"], dict):
        errors.append("event %d: args is not an object" % i)
    return True


def metadata(i, e, errors):
    key = META.get(e.get("name"))
    if key is None:
        errors.append("event %d: unknown metadata name %r" % (i, e.get("name")))
        return False
    value = (e.get("args") or {}).get(key)
    ok = is_int(value) if key == "sort_index" else isinstance(value, (str, list, int))
    if not ok or (key == "name" and not isinstance(value, str)):
        errors.append("event %d: metadata %s without a valid args.%s" % (i, e["name"], key))
    return True


def durations(events, errors):
    """B/E balance and order per track."""
    stacks, last = {}, {}
    for i, e in events:
        if e["ph"] not in "BE":
            continue
        track = (e["pid"], e["tid"])
        if track in last and e["ts"] < last[track]:
            errors.append("event %d: %s at ts %s goes back in time on track pid %s tid %s "
                          "(last %s)" % (i, e["ph"], e["ts"], e["pid"], e["tid"], last[track]))
        last[track] = e["ts"]
        stack = stacks.setdefault(track, [])
        if e["ph"] == "B":
            stack.append((i, e.get("name")))
        elif not stack:
            errors.append("event %d: E on track pid %s tid %s closes nothing" % (
                i, e["pid"], e["tid"]))
        else:
            j, name = stack.pop()
            if e.get("name") not in (None, name):
                errors.append("event %d: E %r closes B %r (event %d)" % (i, e["name"], name, j))
    for (pid, tid), stack in sorted(stacks.items()):
        for j, name in stack:
            errors.append("event %d: B %r on track pid %s tid %s is never closed" % (
                j, name, pid, tid))


def nesting(events, errors):
    """X slices on a track nest or follow one another, computed as a viewer does (ts + dur in
    binary floating point: an end that passes the next start by a rounding error makes
    speedscope nest the next slice in it)."""
    tracks = {}
    for i, e in events:
        if e["ph"] == "X" and is_num(e.get("dur")):
            tracks.setdefault((e["pid"], e["tid"]), []).append((e["ts"], -e["dur"], i))
    for slices in tracks.values():
        open_ = []  # (end, index)
        for ts, neg_dur, i in sorted(slices):
            while open_ and open_[-1][0] <= ts:
                open_.pop()
            end = ts - neg_dur
            if open_ and end > open_[-1][0]:
                errors.append("event %d: slice overlaps event %d partly (ends at %s, after %s)"
                              % (i, open_[-1][1], end, open_[-1][0]))
            open_.append((end, i))


def flows(events, errors):
    ends = {}
    for i, e in events:
        if e["ph"] in "stf":
            ends.setdefault((e.get("cat"), e["id"]), []).append((i, e))
    for (cat, fid), evs in sorted(ends.items(), key=lambda kv: kv[1][0][0]):
        starts = [x for x in evs if x[1]["ph"] == "s"]
        finishes = [x for x in evs if x[1]["ph"] == "f"]
        if len(starts) != 1 or len(finishes) != 1:
            errors.append("flow id %r (cat %r, first event %d): %d starts and %d ends, not one "
                          "each" % (fid, cat, evs[0][0], len(starts), len(finishes)))
            continue
        if finishes[0][1]["ts"] < starts[0][1]["ts"]:
            errors.append("flow id %r: ends (event %d) before it starts (event %d)" % (
                fid, finishes[0][0], starts[0][0]))


def validate(doc):
    errors = []
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        return ["the document is not an object with a traceEvents array"]
    if doc.get("displayTimeUnit", "ms") not in TIME_UNITS:
        errors.append("displayTimeUnit %r is not ms or ns" % doc["displayTimeUnit"])
    good = []
    for i, e in enumerate(doc["traceEvents"]):
        if not isinstance(e, dict):
            errors.append("event %d is not an object" % i)
        elif fields(i, e, errors) and e["ph"] != "M":
            good.append((i, e))
    durations(good, errors)
    nesting(good, errors)
    flows(good, errors)
    return errors


def main(argv):
    with open(argv[0]) as f:
        errors = validate(json.load(f))
    for err in errors:
        print("%s: %s" % (argv[0], err))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
