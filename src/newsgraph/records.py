"""The article record: frozen, slotted dataclasses for every part of RECORD.md.

Everything downstream of the NLP pipeline (store, exports, API, evaluation) sees these records, never spaCy
objects. All offsets are Python string indices into ``ArticleRecord.text``, ``end`` exclusive.

Each class has ``to_dict``/``from_dict``; the conversion is generic, driven by the dataclass fields and their
type hints, so the JSON Schema (``json_schema()``), the DuckDB tables and the Arrow/Parquet schema are all
derived from the same declarations and cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar, Union, get_args, get_origin

T = TypeVar("T", bound="Record")

# A RECORD.md key may be added to, never renamed or dropped. Fields beyond the contract are marked "extra".
RECORD_VERSION = "1.0"


class Record:
    """Mixin: generic to_dict/from_dict over dataclass fields."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        convert = _TO_DICT.get(type(self))
        if convert is None:  # the generic walk per field was most of a store write's time
            convert = _TO_DICT[type(self)] = _compile_to_dict(type(self))
        return convert(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> typing.Self:
        hints = _hints(cls)
        kwargs: dict[str, Any] = {}
        for f in dataclasses.fields(cls):  # type: ignore[arg-type]
            if f.name in data:
                kwargs[f.name] = _from_plain(hints[f.name], data[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise KeyError(f"{cls.__name__}: missing key {f.name!r}")
        return cls(**kwargs)


@dataclass(frozen=True, slots=True)
class TextSpan(Record):
    """A stretch of the article text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Mention(Record):
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Actor(Record):
    """CAMEO/PLOVER-style actor code: ISO 3166 alpha-3 country plus a sector (GOV, MIL, CVL, ...)."""

    country: str | None = None
    sector: str | None = None
    code: str | None = None
    # extra: which knowledge entries produced the code, e.g. ["country:chinese", "agent:spokesperson"]
    evidence: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Entity(Record):
    id: str
    name: str
    label: str
    actor: Actor = field(default_factory=Actor)
    kb_id: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    # extra: role words seen with the name ("spokesperson", "president"), and what produced the entity
    roles: list[str] = field(default_factory=list)
    rule: str = "ner"


@dataclass(frozen=True, slots=True)
class Speaker(Record):
    start: int
    end: int
    text: str
    entity: str | None = None
    # extra: every entity the speaker mention stands for ("Zhang Renbo and Wang Guanjun" -> two ids)
    entities: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Addressee(Record):
    """Whom a quote is aimed at: the mention ("X" in "accused X of ...") and the entity id it resolves to."""

    start: int
    end: int
    text: str
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Quote(Record):
    start: int
    end: int
    text: str
    kind: str  # direct | indirect | partial | mixed
    cue: TextSpan | None = None
    speaker: Speaker | None = None
    # extra
    cue_lemma: str | None = None
    rule: str = ""
    # extra: whom an accusation or request is aimed at ("accused Lin of ...", "urged the council to ..."):
    # the local mention and the entity it resolves to, as for the speaker; None for other quotes
    addressee: Addressee | None = None
    # extra: what kind of attribution the cue makes (knowledge/cues.tsv): "speech" (a statement: said, told,
    # denied, urged; also direct quotes with no cue word, "NAME: ..."), "thought" (believes, hopes, wants),
    # "position" (backs, opposes), "evidence" (a study shows, the data suggest) or "act" (a speech verb whose
    # object is a short noun phrase: "criticized China", "rejected the budget"; or an act cue of
    # knowledge/quote_words.tsv with an object, not a clause: "declined to comment", "published her book"),
    # "other" (a cue outside the lexicon that the learned cue detector proposed, nlp/quotes/learned.py: its kind
    # is not known); None in records from before it
    cue_class: str | None = None
    # extra: how likely the quote is right, content and speaker (0..1), from knowledge/models/quote_confidence.json
    # (nlp/quotes/confidence.py); every quote is kept, readers filter (setting min_quote_confidence); None in
    # records from before it or without the model file
    confidence: float | None = None


#: the values of ``Quote.cue_class``; "speech" are the statements the web UI, the API and claims show by default
CUE_CLASSES = ("speech", "thought", "position", "evidence", "act", "other")


@dataclass(frozen=True, slots=True)
class Offsets(Record):
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class ActorPhrase(Record):
    """An event's source or target named by a phrase no entity stands for ("the police", "protesters", "the
    move"), with the PLOVER sector its head noun implies (knowledge/actors/agents.tsv: "police" -> COP)."""

    start: int
    end: int
    text: str
    sector: str | None = None


@dataclass(frozen=True, slots=True)
class Event(Record):
    type: str
    trigger: TextSpan
    sentence: Offsets
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    cameo: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    place: int | None = None
    date: str | None = None
    negated: bool = False
    hypothetical: bool = False
    rule: str = ""
    # extra: "own" when the sentence names the date, "published" when it falls back to the publication date
    date_source: str | None = None
    reporter: list[str] = field(default_factory=list)
    # extra: how likely the event is right (0..1), from knowledge/models/event_confidence.json
    confidence: float | None = None
    # extra: the source (target) as a phrase when no entity stands for it ("Police arrested protesters": both
    # sides are phrases, source and target stay empty); empty when source (target) has an entity
    source_phrases: list[ActorPhrase] = field(default_factory=list)
    target_phrases: list[ActorPhrase] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Place(Record):
    start: int
    end: int
    text: str
    name: str
    country: str | None = None
    admin1: str | None = None
    feature: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # extra: why this candidate was chosen
    reason: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class DateMention(Record):
    start: int
    end: int
    text: str
    value: str
    # extra
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Amount(Record):
    start: int
    end: int
    text: str
    value: float
    qualifier: str | None = None
    object: str | None = None
    # extra: "count" | "money" | "percent" | "quantity"; unit is a currency code or a measure
    kind: str = "count"
    unit: str | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Tone(Record):
    score: float = 0.0
    positive: float = 0.0
    negative: float = 0.0
    polarity: float = 0.0


@dataclass(frozen=True, slots=True)
class ArticleRecord(Record):
    """One analysed article: the contract of RECORD.md."""

    id: str
    text: str
    language: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)
    tone: Tone = field(default_factory=Tone)
    themes: list[str] = field(default_factory=list)
    # extra: "analyzed" | "skipped" (e.g. non-English; the reason says why)
    status: str = "analyzed"
    reason: str | None = None
    # extra: model and pipeline that produced the record
    analyzer: str | None = None


@dataclass(frozen=True, slots=True)
class Article(Record):
    """An article as ingested, before analysis."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    # where it came from (a path, "path:line", "-")
    origin: str | None = None
    # notes from ingest, e.g. "decoded as cp1252"
    warnings: list[str] = field(default_factory=list)
    # the source's home place ("Richmond, Va."), a prior for the article's local place names (docs/README-places.md)
    home: str | None = None


@dataclass(frozen=True, slots=True)
class Failure(Record):
    """A document that could not be ingested or analysed. Its text, if any was read, is kept."""

    origin: str
    stage: str  # "ingest" | "analyze" | "store"
    error: str
    id: str | None = None
    text: str | None = None


# --------------------------------------------------------------------------------------------------------------
# generic conversion

_HINTS: dict[type, dict[str, Any]] = {}


_TO_DICT: dict[type, typing.Callable[[Any], dict[str, Any]]] = {}
_SCALARS = (str, int, float, bool, type(None))


def _is_scalar(tp: Any) -> bool:
    """Whether a field's type hint holds only plain values (str, int, float, bool, None): copied as it is."""
    if tp in _SCALARS:
        return True
    if get_origin(tp) in (Union, types.UnionType):
        return all(_is_scalar(a) for a in get_args(tp))
    return False


def _is_record(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Record)


def _field_code(tp: Any, value: str) -> str:
    """The expression that makes a field's value plain, chosen from its type hint."""
    if _is_scalar(tp):
        return value
    origin, args = get_origin(tp), get_args(tp)
    if origin in (list, tuple) and args and all(a is Ellipsis or _is_scalar(a) for a in args):
        return f"list({value})"  # list[str], tuple[int, int]
    if origin in (list, tuple) and len(args) in (1, 2) and _is_record(args[0]) and args[-1] in (args[0], Ellipsis):
        return f"[x.to_dict() for x in {value}]"  # list[Entity], tuple[Mention, ...]
    inner, _ = _unwrap_optional(tp)
    if _is_record(inner):
        return f"(None if {value} is None else {value}.to_dict())"
    return f"_to_plain({value})"


def _compile_to_dict(cls: type) -> typing.Callable[[Any], dict[str, Any]]:
    """A to_dict for one dataclass: fields typed as plain values are copied, the others (records, lists, tuples,
    anything else) go through _to_plain. The same dict as the generic walk, about 3x faster."""
    hints = _hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    items = ", ".join(f"{n!r}: {_field_code(hints.get(n, Any), f'o.{n}')}" for n in names)
    namespace: dict[str, Any] = {"_to_plain": _to_plain}
    exec(f"def to_dict(o):\n    return {{{items}}}\n", namespace)  # code built from the class's field names only
    return typing.cast(typing.Callable[[Any], dict[str, Any]], namespace["to_dict"])


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _to_plain(value: Any) -> Any:
    if isinstance(value, Record):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [_to_plain(v) for v in value]
    return value


def _unwrap_optional(tp: Any) -> tuple[Any, bool]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return tp, False


def _from_plain(tp: Any, value: Any) -> Any:
    inner, optional = _unwrap_optional(tp)
    if value is None:
        if optional:
            return None
        if get_origin(inner) is list:
            return []
        raise TypeError(f"null where {tp} is required")
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        return [_from_plain(item, v) for v in value]
    if isinstance(inner, type) and issubclass(inner, Record):
        return inner.from_dict(value)
    if inner is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


# --------------------------------------------------------------------------------------------------------------
# JSON Schema

_JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _json_type(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    inner, optional = _unwrap_optional(tp)
    if get_origin(inner) is list:
        (item,) = get_args(inner)
        schema: dict[str, Any] = {"type": "array", "items": _json_type(item, defs)}
    elif isinstance(inner, type) and issubclass(inner, Record):
        name = inner.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            defs[name] = _object_schema(inner, defs)
        schema = {"$ref": f"#/$defs/{name}"}
    else:
        schema = {"type": _JSON_TYPES[inner]}
    if optional:
        return {"anyOf": [schema, {"type": "null"}]}
    return schema


def _object_schema(cls: type, defs: dict[str, Any]) -> dict[str, Any]:
    hints = _hints(cls)
    props = {f.name: _json_type(hints[f.name], defs) for f in dataclasses.fields(cls)}
    doc = (cls.__doc__ or "").strip().splitlines()
    out: dict[str, Any] = {
        "type": "object",
        "properties": props,
        # every key is always present in the serialized record, defaults included
        "required": [f.name for f in dataclasses.fields(cls)],
        "additionalProperties": True,
    }
    if doc:
        out["description"] = doc[0]
    return out


def json_schema(cls: type = ArticleRecord) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a record class, ArticleRecord by default."""
    defs: dict[str, Any] = {}
    root = _object_schema(cls, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://newsgraph.invalid/schema/{cls.__name__}-{RECORD_VERSION}.json",
        "title": cls.__name__,
        **root,
        "$defs": defs,
    }


#: record parts stored one table each, keyed by article id: (table name, field of ArticleRecord, item class)
PART_TABLES: tuple[tuple[str, str, type[Record]], ...] = (
    ("entities", "entities", Entity),
    ("quotes", "quotes", Quote),
    ("events", "events", Event),
    ("places", "places", Place),
    ("dates", "dates", DateMention),
    ("amounts", "amounts", Amount),
)


def field_types(cls: type) -> list[tuple[str, Any]]:
    """(name, type hint) for each field, in declaration order."""
    hints = _hints(cls)
    return [(f.name, hints[f.name]) for f in dataclasses.fields(cls)]


unwrap_optional = _unwrap_optional
