"""The parsed manifest: units with their settings, device resources, served interfaces and
`uses` wirings, each with the location it was written at. The parser fills the syntactic
fields; the checker fills the resolved ones (marked `resolved`)."""

from dataclasses import dataclass, field
from typing import List, Optional

from .errors import Loc

DEFAULT_MEMORY = 64
DEFAULT_THREADS = 4
DEFAULT_REGIONS = 4  # memory objects a unit's budget pays for (its budget, table and maps)
DEFAULT_RESTART_LIMIT = 5
DEFAULT_RESTART_WINDOW_MS = 10000

# Init, the root task, is no unit of the manifest but serves the supervisor interface from
# threads at this priority (servers/init/init.h, INIT_SUPERVISOR_PRIORITY): `uses init
# keel.supervisor.Supervisor ...` wires a unit to it.
INIT_NAME = "init"
INIT_PRIORITY = 250
INIT_SERVES = ("keel.supervisor.Supervisor",)
INIT_INDEX = 0xFF  # MANIFEST_UNIT_INIT: a CLIENT capability's arg0 naming init


@dataclass
class Setting:
    """A scalar setting (program, priority, memory...) and where it was written."""
    value: object
    loc: Loc


@dataclass
class Resource:
    """A device resource: kind ioport (base, count), irq (line) or devmem (base, size)."""
    kind: str
    name: str
    arg0: int
    arg1: int
    loc: Loc  # the statement's keyword
    name_loc: Loc
    value_loc: Loc  # the first number
    admin: bool = False  # the unit hands it on: carves sub-ranges (ports, memory), passes lines


@dataclass
class Serves:
    qname: str
    loc: Loc
    interface: object = None  # resolved: the IDL ast.Interface


@dataclass
class Uses:
    server: str
    server_loc: Loc
    qname: str
    qname_loc: Loc
    rights: int
    rights_loc: Loc
    methods: List[tuple]  # [(name, loc)] as listed; empty: every method the rights allow
    allow_inversion: bool
    loc: Loc
    server_unit: object = None  # resolved: Unit
    endpoint: int = 0  # resolved: index of the interface among the server's `serves`
    allowed: List[str] = field(default_factory=list)  # resolved: methods it may call
    two_way: bool = False  # resolved: some allowed method waits for a reply


@dataclass
class Restart:
    always: bool
    limit: int
    window_ms: int
    loc: Loc


@dataclass
class Unit:
    name: str
    loc: Loc  # the `unit` keyword
    name_loc: Loc
    program: Optional[Setting] = None
    priority: Optional[Setting] = None
    max_priority: Optional[Setting] = None
    memory: Optional[Setting] = None
    threads: Optional[Setting] = None
    regions: Optional[Setting] = None
    cpu: Optional[Setting] = None  # None: the least loaded CPU at start
    restart: Optional[Restart] = None
    serves: List[Serves] = field(default_factory=list)
    resources: List[Resource] = field(default_factory=list)
    uses: List[Uses] = field(default_factory=list)
    statements: List[tuple] = field(default_factory=list)  # [(startup caps it adds, loc)]

    def of_kind(self, kind):
        return [r for r in self.resources if r.kind == kind]

    @property
    def max_value(self):
        return (self.max_priority or self.priority).value


@dataclass
class Manifest:
    src: object  # errors.Source
    units: List[Unit]

    def unit(self, name):
        for u in self.units:
            if u.name == name:
                return u
        if name == INIT_NAME:
            return init_unit()
        return None


def init_unit():
    """Init as a server: what `uses init ...` resolves to (it is never started or ordered)."""
    loc = Loc(None, 0, 0)
    unit = Unit(name=INIT_NAME, loc=loc, name_loc=loc,
                priority=Setting(INIT_PRIORITY, loc))
    unit.serves = [Serves(q, loc) for q in INIT_SERVES]
    return unit
