"""Cross-document actor resolution: one canonical actor name for the names that refer to it across articles.

Within a document the entities component already joins "Lin Jian", "Spokesperson Lin Jian" and "Jian". Across
documents the same actor is named differently ("Trump" here, "Donald Trump" there; "U.N." and "United Nations";
"U.S." and "United States"). ``refresh_actor_names`` recomputes the table ``actor_names(name, label, actor,
rule)`` from the distinct entity names in the store, and the view ``actor_entities`` is ``entities`` with
``name`` replaced by that canonical actor name (the document's own name kept as ``local_name``). The API's actor
queries read the view; stored records keep their document-level names.

Rules, each recorded in ``actor_names.rule``:
- ``person_name``: a person's name joins the one longer person name in the corpus that contains it word for word
  ("Trump" -> "Donald Trump"); never when two longer names contain it ("Smith" with "John Smith", "Jane Smith").
- ``acronym``: an organisation's all-capitals name (dots ignored: "U.N.") joins the one organisation whose
  capitalised initials spell it ("United Nations"); ``acronym_code``: where several do ("University of
  Nairobi", "United Nations' highest court"), the one coded as the same actor, or the most mentioned of those
  when it has at least twice the mentions of the next.
- ``person_as_org``: a name tagged as an organisation that the corpus also tags as a person with the same actor
  code (spaCy often reads "Trump" in "Trump said" as ORG) joins that person ("Trump"/ORG -> "Donald Trump").
- ``country_code``: places and groups coded as a bare country (actor code "USA", no sector) share the most
  mentioned full name among them ("U.S." -> "United States").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import duckdb

ACTOR_NAMES_DDL = (
    "CREATE TABLE IF NOT EXISTS actor_names (name VARCHAR, label VARCHAR, actor VARCHAR, rule VARCHAR, "
    "PRIMARY KEY (name, label))"
)
ACTOR_ENTITIES_VIEW = """CREATE OR REPLACE VIEW actor_entities AS
    SELECT e.* REPLACE (coalesce(an.actor, e.name) AS name), e.name AS local_name
    FROM entities e LEFT JOIN actor_names an ON an.name = e.name AND an.label = e.label"""

_SMALL_WORDS = {"of", "the", "for", "and", "on", "in", "to", "de", "des", "du", "la", "le", "&"}


@dataclass(frozen=True, slots=True)
class NameStat:
    name: str
    label: str
    code: str | None
    sector: str | None
    mentions: int


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _SMALL_WORDS and w[:1].isupper())


def _contains_words(full: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(full[i : i + n] == part for i in range(len(full) - n + 1))


def resolve_actor_names(stats: list[NameStat]) -> dict[tuple[str, str], tuple[str, str]]:
    """(name, label) -> (canonical actor name, rule) for every name that joins another one."""
    out: dict[tuple[str, str], tuple[str, str]] = {}
    people = [s for s in stats if s.label == "PERSON"]
    by_words = [(s, s.name.split()) for s in people]
    for s, words in by_words:
        longer = [o for o, ow in by_words if len(ow) > len(words) and _contains_words(ow, words)]
        if len(longer) == 1:
            out[(s.name, s.label)] = (longer[0].name, "person_name")
    orgs = [s for s in stats if s.label == "ORG"]
    person_code = {s.name: s.code for s in people}
    for s in orgs:
        if s.code and person_code.get(s.name) == s.code:
            out[(s.name, s.label)] = (out.get((s.name, "PERSON"), (s.name, ""))[0], "person_as_org")
    expansions: dict[str, list[NameStat]] = defaultdict(list)
    for s in orgs:
        if len(s.name.split()) > 1:
            expansions[_initials(s.name)].append(s)
    for s in orgs:
        acro = s.name.replace(".", "")
        if 2 <= len(acro) <= 8 and acro.isalpha() and acro.isupper():
            cands = [c for c in expansions.get(acro, []) if c.name != s.name]
            if len(cands) == 1:
                out[(s.name, s.label)] = (cands[0].name, "acronym")
            elif s.code:
                # several expansions ("United Nations", "University of Nairobi"): the one coded as the same actor
                coded = sorted((c for c in cands if c.code == s.code), key=lambda c: (-c.mentions, c.name))
                if len(coded) == 1 or (len(coded) > 1 and coded[0].mentions >= 2 * coded[1].mentions):
                    out[(s.name, s.label)] = (coded[0].name, "acronym_code")
    countries: dict[str, list[NameStat]] = defaultdict(list)
    for s in stats:
        if s.label in ("GPE", "LOC", "NORP") and s.code and len(s.code) == 3 and not s.sector:
            countries[s.code].append(s)
    for group in countries.values():
        places = [g for g in group if g.label in ("GPE", "LOC")] or group
        best = max(places, key=lambda g: ("." not in g.name and len(g.name) > 3, g.mentions, g.name))
        for g in group:
            if g.label != "NORP" and g.name != best.name:
                out[(g.name, g.label)] = (best.name, "country_code")
    return out


def refresh_actor_names(con: duckdb.DuckDBPyConnection) -> int:
    """Recompute ``actor_names`` from the stored entities; returns how many names join another."""
    rows = con.execute(
        "SELECT name, label, mode(actor.code), mode(actor.sector), sum(len(mentions))::BIGINT "
        "FROM entities GROUP BY name, label"
    ).fetchall()
    mapping = resolve_actor_names([NameStat(*r) for r in rows])
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM actor_names")
        if mapping:
            con.executemany(
                "INSERT INTO actor_names VALUES (?, ?, ?, ?)",
                [[n, lab, actor, rule] for (n, lab), (actor, rule) in mapping.items()],
            )
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    return len(mapping)
