"""The IDL syntax tree. The parser fills the syntactic fields; the checker fills the resolved
ones (marked `resolved`): every `type` becomes a types.Type, so later stages never look a name
up again."""

from dataclasses import dataclass, field
from typing import List, Optional

from .errors import Loc


@dataclass(slots=True)
class Arg:
    """One attribute argument: an integer or a name."""
    is_int: bool
    text: str
    value: int
    loc: Loc


@dataclass(slots=True)
class Attribute:
    name: str
    args: List[Arg]
    loc: Loc


@dataclass(slots=True)
class Bound:
    value: Optional[int]
    name: Optional[str]
    loc: Loc


@dataclass(slots=True)
class TypeExpr:
    """A type as written. kind: prim | named | string | bytes | array | cap."""
    kind: str
    loc: Loc
    name: str = ""
    elem: Optional["TypeExpr"] = None
    bound: Optional[Bound] = None
    rights: list = field(default_factory=list)  # [(name, loc)] for caps


@dataclass(slots=True)
class Const:
    name: str
    texpr: TypeExpr
    value: int
    value_loc: Loc
    doc: List[str]
    loc: Loc
    type: object = None  # resolved: IntType


@dataclass(slots=True)
class EnumMember:
    name: str
    value: int
    doc: List[str]
    loc: Loc
    value_loc: Loc


@dataclass(slots=True)
class Enum:
    name: str
    texpr: TypeExpr  # the underlying type
    members: List[EnumMember]
    doc: List[str]
    loc: Loc
    type: object = None  # resolved: EnumType


@dataclass(slots=True)
class Field:
    """A struct field, a parameter or a result."""
    name: str
    texpr: TypeExpr
    doc: List[str]
    loc: Loc
    type: object = None  # resolved: Type


@dataclass(slots=True)
class Struct:
    name: str
    fields: List[Field]
    doc: List[str]
    loc: Loc
    type: object = None  # resolved: StructType


@dataclass(slots=True)
class Method:
    ordinal: int
    ordinal_loc: Loc
    name: str
    oneway: bool
    params: List[Field]
    results: Optional[List[Field]]  # None for oneway methods
    error: Optional[tuple]  # (name, loc)
    attrs: List[Attribute]
    doc: List[str]
    loc: Loc
    rights_mask: int = 0  # resolved: caller rights from @rights
    error_enum: Optional[Enum] = None  # resolved
    index: int = 0  # resolved: dense index in ordinal order among methods


@dataclass(slots=True)
class Event:
    """A message the server sends to subscribed clients on a channel; no reply."""
    ordinal: int
    ordinal_loc: Loc
    name: str
    params: List[Field]
    attrs: List[Attribute]
    doc: List[str]
    loc: Loc
    index: int = 0  # resolved: dense index in ordinal order among events


@dataclass(slots=True)
class Interface:
    name: str
    attrs: List[Attribute]
    methods: List[Method]
    events: List[Event]
    reserved: list  # [(ordinal, loc)]
    doc: List[str]
    loc: Loc
    iface_id: int = 0  # resolved
    version: int = 0  # resolved
    id_loc: Optional[Loc] = None  # resolved: where @id's value is


@dataclass(slots=True)
class File:
    path: str
    library: str
    library_loc: Loc
    segments: list  # [(segment, loc)]
    decls: list
    src: object = None  # errors.Source
    doc: List[str] = field(default_factory=list)
    abi: object = None  # resolved: abi.Abi the file was checked against
    layout: dict = None  # resolved: {interface name: (messages, event messages)}
    struct_order: list = None  # resolved: structs, each after the structs it contains

    @property
    def text(self):
        return self.src.text

    def of(self, cls):
        return [d for d in self.decls if isinstance(d, cls)]

    def all_fields(self):
        """Every struct field, parameter and result of the file, in file order."""
        for d in self.decls:
            if isinstance(d, Struct):
                yield from d.fields
            elif isinstance(d, Interface):
                for m in d.methods + d.events:
                    yield from m.params
                    yield from getattr(m, "results", None) or []
