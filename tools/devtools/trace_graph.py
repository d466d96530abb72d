"""Who called whom in a trace (tools/trace --graph, docs/tools.md "Trace viewer"): the IPC
flows of tools/trace's Chrome Trace Event JSON gathered per pair of units and method, as a
Graphviz graph: a node per unit, an edge per method one unit called on another, labelled with
the method and how many messages went (replies are not drawn: every call's reply goes back)."""
import collections

from tools.devtools import capgraph


def ipc_edges(doc):
    """{(from unit, to unit, method): messages} of the document's IPC flows."""
    procs = {e["pid"]: e["args"]["name"] for e in doc["traceEvents"]
             if e["ph"] == "M" and e["name"] == "process_name"}
    ends = collections.defaultdict(dict)
    for e in doc["traceEvents"]:
        if e["ph"] in "sf" and e.get("cat") == "ipc" and not e["name"].endswith(" reply"):
            ends[e["id"]][e["ph"]] = e
    edges = collections.Counter()
    for pair in ends.values():
        if "s" in pair and "f" in pair:
            src, dst = pair["s"], pair["f"]
            edges[(procs.get(src["pid"], "pid %d" % src["pid"]),
                   procs.get(dst["pid"], "pid %d" % dst["pid"]), src["name"])] += 1
    return edges


def quote(text):
    return '"%s"' % text.replace("\\", "\\\\").replace('"', '\\"')


def dot(doc, title):
    edges = ipc_edges(doc)
    units = sorted({u for a, b, _ in edges for u in (a, b)})
    lines = ["digraph ipc {", "  label=%s; labelloc=t; fontname=Helvetica;" % quote(title),
             "  node [shape=box, style=rounded, fontname=Helvetica];",
             "  edge [fontname=Helvetica, fontsize=10];"]
    lines += ["  %s;" % quote(u) for u in units]
    lines += ["  %s -> %s [label=%s];" % (quote(a), quote(b), quote("%s x%d" % (m, n)))
              for (a, b, m), n in sorted(edges.items())]
    return "\n".join(lines + ["}"]) + "\n"


def render(doc, out, title="IPC in the trace"):
    """Writes the graph to out: .svg through Graphviz's dot, .dot as it is."""
    capgraph.render(dot(doc, title), out)
