"""What newsgraph components leave under ``Doc._``: small mutable annotations with character offsets.

Components write these; ``newsgraph.nlp.convert`` is the one place that turns them into records. Downstream
components read earlier ones (quotes and events read ``doc._.ng_entities``; events read places and dates).
Offsets are character offsets into ``doc.text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.records import Actor, Amount, DateMention, Event, Place, Quote, Tone


@dataclass(slots=True)
class EntityAnn:
    """One canonical entity of a document and all its mentions."""

    id: str  # "e1", "e2", ... unique within the document
    name: str  # canonical name: "Lin Jian", "EU"
    label: str  # PERSON ORG GPE LOC NORP FAC ...
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char offsets, sorted, no duplicates
    roles: list[str] = field(default_factory=list)  # "spokesperson", "president"
    rule: str = "ner"
    kb_id: str | None = None
    actor: Actor | None = None  # set by the actors component

    def add_mention(self, start: int, end: int) -> None:
        if (start, end) not in self.mentions:
            self.mentions.append((start, end))
            self.mentions.sort()


#: extension name -> default factory; registered by ``register_extensions`` when a pipeline is built
DOC_EXTENSIONS: dict[str, str] = {
    "ng_entities": "list[EntityAnn]",
    "ng_quotes": "list[Quote]",
    "ng_events": "list[Event]",
    "ng_places": "list[Place]",
    "ng_dates": "list[DateMention]",
    "ng_amounts": "list[Amount]",
    "ng_tone": "Tone | None",
    "ng_themes": "list[str]",
    "ng_theme_mentions": "dict[str, list[tuple[int, int]]] | None: theme -> matched char spans (themes component)",
    "ng_published": "'YYYY-MM-DD' | None: the reference date, set before the pipeline runs",
}


def register_extensions() -> None:
    """Register every Doc extension newsgraph uses (idempotent). List-valued ones are read via ``get_list``."""
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def get_list(doc: Doc, name: str) -> list:
    """The list stored under ``doc._.<name>``, created on first use (extensions cannot default to a new list)."""
    value = doc._.get(name)
    if value is None:
        value = []
        doc._.set(name, value)
    return value


__all__ = [
    "DOC_EXTENSIONS",
    "Actor",
    "Amount",
    "DateMention",
    "EntityAnn",
    "Event",
    "Place",
    "Quote",
    "Tone",
    "get_list",
    "register_extensions",
]
