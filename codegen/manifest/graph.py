"""The call graph of a manifest: an edge client -> server for every `uses` line that allows
a two-way method (the client waits for the server). Checks that no client outranks its server
(unless the line says allow-inversion) and that no calls form a cycle, and orders the units
so that every server starts before its clients."""

from .errors import ManifestError
from .model import INIT_NAME


def sync_edges(unit):
    """The unit's `uses` lines that wait for a reply, first line per server."""
    out = {}
    for uses in unit.uses:
        if uses.two_way and uses.server not in out:
            out[uses.server] = uses
    return list(out.values())


def check_priorities(manifest):
    for unit in manifest.units:
        for uses in unit.uses:
            server = uses.server_unit
            if uses.two_way and not uses.allow_inversion and unit.max_value > \
                    server.priority.value:
                notes = [] if server.name == INIT_NAME else \
                    [(f"unit {server.name}'s priority", server.priority.loc)]
                raise ManifestError(
                    "M0501", f"unit {unit.name} (priority up to {unit.max_value}) calls "
                    f"{server.name} (priority {server.priority.value}): a queued call waits "
                    "at the lower priority; raise the server's priority or add "
                    "`allow-inversion`", uses.loc, notes)


def check_cycles(manifest):
    """M0502 for the first cycle found (units and edges in manifest order)."""
    state = {}  # name -> 1 on the current path, 2 done
    for unit in manifest.units:
        if unit.name not in state:
            find_cycle(manifest, unit, state)


def find_cycle(manifest, start, state):
    """Iterative depth-first search from start; raises on a back edge."""
    path = [(start, iter(sync_edges(start)))]
    edges = []  # the uses line taken to reach path[i + 1]
    state[start.name] = 1
    while path:
        unit, todo = path[-1]
        uses = next(todo, None)
        if uses is None:
            state[unit.name] = 2
            path.pop()
            if edges:
                edges.pop()
            continue
        nxt = uses.server_unit
        if state.get(nxt.name) == 1:
            names = [u.name for u, _ in path]
            report_cycle(edges[names.index(nxt.name):] + [uses])
        if nxt.name not in state:
            state[nxt.name] = 1
            edges.append(uses)
            path.append((nxt, iter(sync_edges(nxt))))


def report_cycle(cycle):
    """cycle: the uses lines of one cycle, in call order."""
    units = [u.server for u in cycle]
    units = [units[-1]] + units
    text = units[0] + "".join(f" -> {u.server} (line {u.loc.line})" for u in cycle)
    notes = [(f"{units[i]} calls {u.server} ({u.qname})", u.loc)
             for i, u in enumerate(cycle)]
    raise ManifestError("M0502", f"synchronous calls form a cycle: {text}; each may wait "
                        "for the next forever", cycle[0].loc, notes)


def start_order(manifest):
    """Units with every server before its clients, ties in manifest order. Oneway-only
    wirings may form a cycle (no one waits); such a cycle is broken by following only the
    wirings that wait for replies, which check_cycles proved acyclic."""
    index = {u.name: i for i, u in enumerate(manifest.units)}
    every = {u.name: {x.server for x in u.uses} - {u.name, INIT_NAME} for u in manifest.units}
    sync = {u.name: {x.server for x in sync_edges(u)} - {u.name, INIT_NAME}
            for u in manifest.units}
    order, started, left = [], set(), list(manifest.units)
    while left:
        ready = [u for u in left if every[u.name] <= started]
        ready = ready or [u for u in left if sync[u.name] <= started]
        pick = min(ready, key=lambda u: index[u.name])
        order.append(pick)
        started.add(pick.name)
        left.remove(pick)
    return order
