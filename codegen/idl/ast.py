"""The IDL syntax tree. The parser fills the syntactic fields; the checker fills the resolved
ones (marked `resolved`) so later stages never look names up again."""

from dataclasses import dataclass, field
from typing import List, Optional

from .errors import Loc

INT_TYPES = {
    "u8": (1, False), "u16": (2, False), "u32": (4, False), "u64": (8, False),
    "i8": (1, True), "i16": (2, True), "i32": (4, True), "i64": (8, True),
}
PRIMITIVES = set(INT_TYPES) | {"bool"}


def int_range(name):
    """Inclusive (min, max) of an integer primitive."""
    size, signed = INT_TYPES[name]
    bits = size * 8
    return (-(1 << (bits - 1)), (1 << (bits - 1)) - 1) if signed else (0, (1 << bits) - 1)


@dataclass
class Attribute:
    name: str
    args: list  # tokens between the parentheses, without separators
    loc: Loc


@dataclass
class Bound:
    value: Optional[int]
    name: Optional[str]
    loc: Loc
    resolved: int = 0


@dataclass
class TypeRef:
    """kind: prim | named | string | bytes | array | cap."""
    kind: str
    loc: Loc
    name: str = ""
    elem: Optional["TypeRef"] = None
    bound: Optional[Bound] = None
    rights: list = field(default_factory=list)  # [(name, loc)] for caps
    decl: object = None  # resolved: Enum or Struct for kind == named
    rights_mask: int = 0  # resolved: for caps


@dataclass
class Const:
    name: str
    type: TypeRef
    value: int
    value_loc: Loc
    doc: List[str]
    loc: Loc


@dataclass
class EnumMember:
    name: str
    value: int
    doc: List[str]
    loc: Loc
    value_loc: Loc


@dataclass
class Enum:
    name: str
    underlying: TypeRef
    members: List[EnumMember]
    doc: List[str]
    loc: Loc


@dataclass
class Field:
    name: str
    type: TypeRef
    doc: List[str]
    loc: Loc


@dataclass
class Struct:
    name: str
    fields: List[Field]
    doc: List[str]
    loc: Loc


@dataclass
class Method:
    ordinal: int
    ordinal_loc: Loc
    name: str
    oneway: bool
    params: List[Field]
    results: Optional[List[Field]]
    error: Optional[tuple]  # (name, loc)
    attrs: List[Attribute]
    doc: List[str]
    loc: Loc
    rights_mask: int = 0  # resolved: caller rights from @rights
    error_enum: Optional[Enum] = None  # resolved
    index: int = 0  # resolved: dense index in ordinal order


@dataclass
class Interface:
    name: str
    attrs: List[Attribute]
    methods: List[Method]
    reserved: list  # [(ordinal, loc)]
    doc: List[str]
    loc: Loc
    iface_id: int = 0  # resolved
    version: int = 0  # resolved


@dataclass
class File:
    path: str
    library: str
    library_loc: Loc
    decls: list
    text: str = ""

    def of(self, cls):
        return [d for d in self.decls if isinstance(d, cls)]
