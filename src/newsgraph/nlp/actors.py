"""``newsgraph_actors_v1``: CAMEO/PLOVER actor codes (country + sector) for every entity.

Knowledge (``knowledge/actors/``): ``countries.tsv`` (names, demonyms, capitals and cities -> ISO3),
``actors.tsv`` (named people and organisations -> codes with validity dates), ``agents.tsv`` (role nouns ->
sectors), all converted from the PETRARCH2/Phoenix dictionaries by ``scripts/convert_petrarch.py``, and the
hand-curated ``additions.tsv`` (today's office holders, IGOs, PLOVER sector fixes), which wins.

Coding composes what fires in an entity's name and its local noun phrase: "Ukrainian forces" -> UKR + MIL,
"Chinese Foreign Ministry Spokesperson Lin Jian" -> the named actor "lin jian" (CHNGOV for the article's date),
"the EU's chief diplomat, Kaja Kallas" -> "kallas" (EURGOV after 2024-12-01). A named entry's code is chosen by
``doc._.ng_published`` among its date ranges.

Common-noun actors ("Ukrainian forces", "Chinese nationals", "the Chinese government", "their government") are
not named entities; this component adds them to ``doc._.ng_entities`` (rule ``actor_np``, fresh ids continuing
the numbering) when their noun phrase names a country, so that events can point at them by id. Mentions with the
same country, sector and head noun are one entity.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.annotations import EntityAnn, get_list, register_extensions
from newsgraph.nlp.idsets import id_set, member
from newsgraph.nlp.knowledge import bundled_dir, load_table
from newsgraph.records import Actor

LOGGER = logging.getLogger(__name__)

KNOWLEDGE = bundled_dir()  # the bundled knowledge folder (tests list its files)

#: PLOVER sectors; CAMEO agent codes outside this set are translated by SECTOR_MAP or ignored
PLOVER_SECTORS = {
    "GOV", "MIL", "COP", "JUD", "LEG", "PTY", "REB", "SPY", "CVL", "BUS", "JRN", "MED", "REL", "REF", "OPP",
    "ELI", "LAB", "EDU", "AGR", "CRM", "UAF", "UNK", "PRM", "PRE", "SOC",
}
#: CAMEO agent code -> PLOVER sector (CAMEO MED was media, HLH health; religions are REL)
SECTOR_MAP = {
    "MED": "JRN", "HLH": "MED", "MUS": "REL", "CHR": "REL", "JEW": "REL", "BUD": "REL", "HIN": "REL",
    "CTH": "REL", "ITH": "REL", "INS": "REB", "SEP": "REB", "IRC": "SOC", "NGM": "SOC", "HRI": "SOC",
    "ENV": "SOC", "DEV": "GOV", "MOD": "GOV", "RAD": "OPP", "SPY": "SPY",
}
#: PLOVER international codes (PLOVER manual table 5.1) and the CAMEO prefixes that map to them
INTERNATIONAL = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
#: sectors that make a common-noun actor an organisation rather than a group of people
ORG_SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "PTY", "SPY", "JRN", "BUS", "MED", "REL"}
POSS_PRONOUNS = {"its", "their"}
#: words never read as country or actor names when lower case ("us" is not the US)
MAX_NGRAM = 6
_SEGMENT = re.compile(r"[ -]")


@dataclass(frozen=True, slots=True)
class CodeRange:
    code: str
    start: str = ""  # YYYYMMDD, "" = open
    end: str = ""

    def covers(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)


@dataclass(slots=True)
class ActorKnowledge:
    countries: dict[str, str] = field(default_factory=dict)  # phrase -> country code
    actors: dict[str, tuple[CodeRange, ...]] = field(default_factory=dict)  # phrase -> ranges
    agents: dict[str, str] = field(default_factory=dict)  # phrase -> CAMEO agent code or PLOVER sector
    heads: set[str] = field(default_factory=set)  # one-word agents: candidate heads of common-noun actors
    # first segments (up to a space or hyphen) of every phrase above, so ``scan`` skips hopeless positions; kept
    # in step by ``first_segments`` (rebuilt when a dictionary changes size)
    _segments: set[str] = field(default_factory=set)
    _sizes: tuple[int, int, int] = (-1, -1, -1)

    def first_segments(self) -> set[str]:
        sizes = (len(self.countries), len(self.actors), len(self.agents))
        if sizes != self._sizes:
            self._segments = {_SEGMENT.split(p, 1)[0] for d in (self.countries, self.actors, self.agents) for p in d}
            self._sizes = sizes
        return self._segments


def _ranges(text: str) -> tuple[CodeRange, ...]:
    out = []
    for item in text.split():
        code, _, rng = item.partition(":")
        start, _, end = rng.partition("-")
        out.append(CodeRange(code, start, end))
    return tuple(out)


def _plurals(word: str) -> list[str]:
    if word.endswith(("s", "x", "ch", "sh")):
        return [word + "es"] if word.endswith(("ss", "ch", "sh", "x")) else []
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return [word[:-1] + "ies"]
    return [word + "s"]


def _rows(name: str, knowledge_dir: str | None, columns: tuple[str, ...]) -> list[list[str]]:
    """The cells of ``actors/<name>``: the bundled file's rows, then the user's (``knowledge_dir/actors/``)."""
    return [list(r.cells) for r in load_table(f"actors/{name}", columns, knowledge_dir, required=len(columns))]


@lru_cache(maxsize=4)
def load_actor_knowledge(knowledge_dir: str | None = None) -> ActorKnowledge:
    """Bundled files, then the bundled additions, then a user's ``knowledge_dir/actors/*`` (later entries win)."""
    kb = ActorKnowledge()
    for row in _rows("countries.tsv", knowledge_dir, ("code", "names")):
        for p in row[1].split("|"):
            kb.countries.setdefault(p, row[0])
    for row in _rows("actors.tsv", knowledge_dir, ("names", "codes")):
        ranges = _ranges(row[1])
        for p in row[0].split("|"):
            kb.actors.setdefault(p, ranges)
    for row in _rows("agents.tsv", knowledge_dir, ("name", "code")):
        kb.agents.setdefault(row[0], row[1])
        *first, last = row[0].split(" ")
        for pl in _plurals(last):
            kb.agents.setdefault(" ".join([*first, pl]), row[1])
    for r in load_table("actors/additions.tsv", ("kind", "a", "b"), knowledge_dir, required=3):
        kind, a, b = r.cells
        if kind not in ("country", "actor", "agent"):
            raise r.error(f"kind must be country, actor or agent, got {kind!r}")
        if kind == "country":
            for p in b.split("|"):
                kb.countries[p] = a
        elif kind == "actor":
            for p in a.split("|"):
                kb.actors[p] = _ranges(b)
        elif kind == "agent":
            for p in a.split("|"):
                kb.agents[p] = b
    # a country name is a country, not a PETRARCH person entry of the same spelling
    for p in kb.countries:
        kb.actors.pop(p, None)
    kb.heads = {p.rsplit(" ", 1)[-1] for p in kb.agents}
    kb.heads = {h for h in kb.heads if h.isalpha() and len(h) > 2}
    LOGGER.debug("actor knowledge: %s countries, %s actors, %s agents", len(kb.countries), len(kb.actors),
                 len(kb.agents))
    return kb


def parse_code(code: str) -> tuple[str | None, str | None]:
    """CAMEO/PLOVER code -> (country, PLOVER sector): "CHNGOV" -> ("CHN", "GOV"), "IGOUNOKID" -> ("UNO", None),
    "IGOEUREEC" -> ("EUR", None), "NGO" -> ("NGO", None), "~MIL"/"MIL" -> (None, "MIL")."""
    code = code.strip("~").upper()
    if not code or code == "---":
        return None, None
    chunks = [code[i : i + 3] for i in range(0, len(code), 3)]
    country: str | None = None
    if chunks[0] in PLOVER_SECTORS or chunks[0] in SECTOR_MAP:
        pass  # an agent code: sectors only
    elif chunks[0] == "IGO":
        country = chunks[1] if len(chunks) > 1 and chunks[1] in ("UNO", "EUR") else "IGO"
        chunks = chunks[2:] if country != "IGO" else chunks[1:]
        return country, _first_sector(chunks)
    else:
        country = chunks[0]
        chunks = chunks[1:]
    return country, _first_sector(chunks)


def _first_sector(chunks: list[str]) -> str | None:
    for c in chunks:
        # CAMEO first: in the dictionaries MED is media (PLOVER JRN) and HLH health (PLOVER MED)
        if c in SECTOR_MAP:
            return SECTOR_MAP[c]
        if c in PLOVER_SECTORS:
            return c
    return None


def choose_code(ranges: tuple[CodeRange, ...], published: str | None) -> str | None:
    """The code valid on the publication date; undated codes are the fallback; no date -> the current one."""
    if not ranges:
        return None
    if published:
        day = published.replace("-", "")[:8].ljust(8, "0")
        hits = [r for r in ranges if r.dated and r.covers(day)]
        if hits:
            return hits[-1].code
        undated = [r for r in ranges if not r.dated]
        if undated:
            return undated[-1].code
        return None
    current = [r for r in ranges if not r.dated or not r.end]
    return (current or list(ranges))[-1].code


# ------------------------------------------------------------------------------------------------------------
# coding a stretch of tokens


@dataclass(slots=True)
class Coding:
    country: str | None = None
    sector: str | None = None
    evidence: list[str] = field(default_factory=list)
    named: bool = False

    def actor(self) -> Actor | None:
        if not self.country and not self.sector:
            return None
        code = (self.country or "") + (self.sector or "")
        return Actor(country=self.country, sector=self.sector, code=code or None, evidence=list(self.evidence))


def _usable(tok: Token, phrase: str) -> bool:
    # short names ("us", "un", "eu", "who") count only when written in capitals; pronouns never
    if tok.pos_ == "PRON" or tok.lower_ in POSS_PRONOUNS:
        return False
    return not (len(phrase) <= 3 and phrase.isalpha() and not tok.text.isupper())


def scan(tokens: list[Token], kb: ActorKnowledge, published: str | None) -> list[tuple[int, str, str, str]]:
    """Longest matches left to right: [(token index, kind, phrase, code)], kind actor|country|agent."""
    out: list[tuple[int, str, str, str]] = []
    words = [t.lower_.replace("’", "'") for t in tokens]
    segments = kb.first_segments()
    i = 0
    while i < len(tokens):
        found = None
        # a phrase starting here begins with this word's first segment: if no phrase does, only the lemma of a
        # single noun can still name an agent
        w = words[i]
        if (_SEGMENT.split(w, 1)[0] if "-" in w or " " in w else w) not in segments:
            tok = tokens[i]
            if tok.pos_ == "NOUN":
                agent = kb.agents.get(tok.lemma_.lower())
                if agent is not None and _usable(tok, w):
                    out.append((tok.i, "agent", w, agent))
            i += 1
            continue
        for n in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
            p = " ".join(words[i : i + n]).replace(" - ", "-")
            if n == 1 and not _usable(tokens[i], p):
                continue
            if p in kb.actors:
                code = choose_code(kb.actors[p], published)
                if code:
                    found = (n, "actor", p, code)
                    break
            if p in kb.countries:
                found = (n, "country", p, kb.countries[p])
                break
            agent = kb.agents.get(p)
            if agent is None and n == 1 and tokens[i].pos_ == "NOUN":
                agent = kb.agents.get(tokens[i].lemma_.lower())
            if agent is not None:
                found = (n, "agent", p, agent)
                break
        if found:
            out.append((tokens[i].i, found[1], found[2], found[3]))
            i += found[0]
        else:
            i += 1
    return out


def compose(matches: list[tuple[int, str, str, str]], coding: Coding | None = None) -> Coding:
    """Country from the first named actor or country word; sector from the head-most role noun, else the name."""
    c = coding or Coding()
    named_sector = None
    for _i, kind, phrase, code in matches:
        if kind == "actor":
            country, sector = parse_code(code)
            if country and not c.country:
                c.country = country
            named_sector = named_sector or sector
            c.evidence.append(f"actor:{phrase}={code}")
        elif kind == "country":
            if not c.country:
                c.country = code
            c.evidence.append(f"country:{phrase}")
    agents = [(p, code) for _i, kind, p, code in matches if kind == "agent"]
    if agents and not c.sector:
        p, code = agents[-1]
        country, sector = parse_code(code)
        if sector:
            c.sector = sector
            c.evidence.append(f"agent:{p}")
        if country in INTERNATIONAL and not c.country:
            c.country = country
    if not c.sector and named_sector:
        c.sector = named_sector
    return c


def _context(span: Span) -> list[Token]:
    """The noun phrase around a mention: left modifiers of its root, and the head it is in apposition to."""
    doc = span.doc
    root = span.root
    toks: list[Token] = []
    for child in root.lefts:
        if child.i < span.start and child.dep_ in ("amod", "compound", "poss", "nmod", "npadvmod"):
            toks.extend(t for t in child.subtree if t.i < span.start)
    anchor = root
    while anchor.dep_ == "conj" and anchor.head.i != anchor.i:
        anchor = anchor.head
    if anchor.dep_ == "appos":
        head = anchor.head
        for child in head.lefts:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                toks.extend(child.subtree)
        toks.append(head)
    for child in root.rights:
        if child.dep_ == "appos" and len(list(child.subtree)) <= 6:
            toks.extend(child.subtree)
    seen = set()
    out = []
    for t in sorted(toks, key=lambda t: t.i):
        if t.i not in seen and not (span.start <= t.i < span.end):
            seen.add(t.i)
            out.append(t)
    del doc
    return out


def _text(doc: Doc, start: int, end: int) -> str:
    # doc.text is rebuilt from all the tokens on every access: slice through a span instead
    span = doc.char_span(start, end, alignment_mode="expand")
    return "" if span is None else span.text


def _name_keys(doc: Doc, ann: EntityAnn, kb: ActorKnowledge) -> Iterator[tuple[str, str]]:
    """(dictionary key, surface) of the entity's mentions, longest first; lazily, as the first hit ends the search
    (each mention's text costs a char_span)."""
    for s, e in sorted(ann.mentions, key=lambda m: m[0] - m[1]):
        surface = _text(doc, s, e)
        key = " ".join(surface.lower().replace("’", "'").split())
        yield key, surface
        if ann.label == "NORP" and key.endswith("s") and key not in kb.countries:
            yield key[:-1], surface[:-1]  # "Albanians" -> "albanian"
        if ann.label == "PERSON":
            for role in ann.roles:
                yield f"{role} {key}", surface


def code_entity(doc: Doc, ann: EntityAnn, kb: ActorKnowledge, published: str | None) -> Actor | None:
    # 1. a name in the dictionaries, longest mention first; a person also with the role before the name
    for key, surface in _name_keys(doc, ann, kb):
        if key in kb.actors and (len(key) > 3 or surface.isupper()):
            code = choose_code(kb.actors[key], published)
            if code:
                country, sector = parse_code(code)
                c = Coding(country, sector, [f"actor:{key}={code}"], named=True)
                if not c.sector:
                    _add_roles(c, ann, kb)
                return c.actor()
        if key in kb.countries and (len(key) > 3 or surface.isupper()):
            c = Coding(kb.countries[key], None, [f"country:{key}"])
            if ann.label not in ("GPE", "LOC", "NORP", "FAC"):
                _add_roles(c, ann, kb)
            return c.actor()
    # 2. compose the words of the name and of its noun phrase
    c = Coding()
    for s, e in ann.mentions:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        inner = scan(list(span), kb, published)
        compose(inner, c)
        if ann.label in ("GPE", "LOC", "FAC") and c.country:
            break
        if ann.label in ("PERSON", "ORG", "NORP"):
            ctx = scan(_context(span), kb, published)
            compose(ctx, c)
        if c.country and c.sector:
            break
    if ann.label == "PERSON" or not c.sector:
        _add_roles(c, ann, kb)
    return c.actor()


def _add_roles(c: Coding, ann: EntityAnn, kb: ActorKnowledge) -> None:
    if c.sector:
        return
    for role in ann.roles:
        code = kb.agents.get(role)
        if code:
            _country, sector = parse_code(code)
            if sector:
                c.sector = sector
                c.evidence.append(f"role:{role}")
                return


# ------------------------------------------------------------------------------------------------------------
# common-noun actors

_NP_DEPS = {"amod", "compound", "poss", "nmod", "det", "nummod", "quantmod", "predet", "case"}


def _np_tokens(head: Token) -> list[Token]:
    toks = [head]
    for child in head.lefts:
        if child.dep_ in _NP_DEPS:
            toks.extend(child.subtree)
    return sorted(toks, key=lambda t: t.i)


def _names_entity(head: Token, taken: bytearray) -> bool:
    """The noun is in apposition with a named entity mention."""
    if head.dep_ == "appos" and taken[head.head.idx]:
        return True
    return any(c.dep_ == "appos" and taken[c.idx] for c in head.rights)


@Language.factory(
    "newsgraph_actors_v1",
    default_config={"knowledge_dir": None, "add_common_nouns": True},
    assigns=["doc._.ng_entities"],
    requires=["doc._.ng_entities", "token.dep", "token.lemma", "token.pos", "doc.sents"],
)
def make_actors(nlp: Language, name: str, knowledge_dir: str | None, add_common_nouns: bool) -> ActorsComponent:
    register_extensions()
    return ActorsComponent(nlp, knowledge_dir, add_common_nouns)


class ActorsComponent:
    def __init__(self, nlp: Language, knowledge_dir: str | None = None, add_common_nouns: bool = True) -> None:
        self.kb = load_actor_knowledge(knowledge_dir)
        self.add_common_nouns = add_common_nouns
        # candidate heads of common-noun actors: one vectorised lookup over the doc's LOWER/LEMMA/POS array
        self.head_ids = id_set(nlp.vocab.strings, self.kb.heads)

    def candidate_heads(self, doc: Doc) -> list[int]:
        if not len(doc):
            return []
        arr = doc.to_array([LOWER, LEMMA, POS]).astype(np.uint64, copy=False)
        # nouns first (cheap), then a binary search of their words in the sorted head ids (np.isin would sort the
        # whole head list again for every doc)
        nouns = np.flatnonzero((arr[:, 2] == NOUN) | (arr[:, 2] == PROPN))
        if not len(nouns) or not len(self.head_ids):
            return []
        hit = member(arr[nouns, 0], self.head_ids) | member(arr[nouns, 1], self.head_ids)
        return [int(i) for i in nouns[hit]]

    def __call__(self, doc: Doc) -> Doc:
        published = doc._.ng_published
        entities: list[EntityAnn] = get_list(doc, "ng_entities")
        for ann in entities:
            ann.actor = code_entity(doc, ann, self.kb, published)
        if self.add_common_nouns and len(doc):
            last = doc[-1]
            self._common_nouns(doc, entities, published, last.idx + len(last.text_with_ws))
        return doc

    def _common_nouns(self, doc: Doc, entities: list[EntityAnn], published: str | None, n_chars: int) -> None:
        taken = bytearray(n_chars + 1)
        for ann in entities:
            for s, e in ann.mentions:
                taken[s:e] = b"\x01" * (e - s)
        # (char start, country) of coded mentions, for "its"/"their"
        anchors = sorted(
            (s, ann.actor.country) for ann in entities if ann.actor and ann.actor.country for s, _ in ann.mentions
        )
        by_key: dict[tuple[str | None, str | None, str], EntityAnn] = {}
        next_id = len(entities) + 1
        seen_heads: set[int] = set()
        for start in self.candidate_heads(doc):
            head = doc[start]
            if head.i in seen_heads or head.dep_ == "compound" or taken[head.idx]:
                continue
            if _names_entity(head, taken):
                continue  # "Chinese mercenaries Zhang Renbo", "the EU's chief diplomat, Kaja Kallas": the name codes
            seen_heads.add(head.i)
            toks = _np_tokens(head)
            matches = scan(toks, self.kb, published)
            c = compose(matches)
            pron = None
            if not c.country:
                pron = next((t for t in toks if t.lower_ in POSS_PRONOUNS and t.dep_ == "poss"), None)
                if pron is not None:
                    prior = [a for a in anchors if a[0] < pron.idx and a[0] >= pron.sent.start_char - 400]
                    if prior:
                        c.country = prior[-1][1]
                        c.evidence.append(f"coref:{pron.lower_}")
            if not c.country or not c.sector:
                continue
            # the mention: from the first coded word (or its compound chain) to the head
            coded = {i for i, *_ in matches}
            first = min([t.i for t in toks if t.i in coded and t.i <= head.i] + [head.i])
            if pron is not None and c.country:
                first = min(first, pron.i)
            while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i in {
                t.i for t in toks
            } and not taken[doc[first - 1].idx]:
                first -= 1
            while first < head.i and doc[first].dep_ in ("det", "predet"):
                first += 1
            span = doc[first : head.i + 1]
            key = (c.country, c.sector, head.lemma_.lower())
            found = by_key.get(key)
            if found is None:
                label = "ORG" if c.sector in ORG_SECTORS else "NORP"
                name = " ".join(span.text.replace("’s", "'s").split()) if c.evidence[-1].startswith(
                    ("country", "actor", "agent")) else span.text
                ann = EntityAnn(id=f"e{next_id}", name=name, label=label, rule="actor_np", actor=c.actor(),
                                roles=[head.lemma_.lower()])
                next_id += 1
                by_key[key] = ann
                entities.append(ann)
            else:
                ann = found
            if (found is not None and ann.name.split()[0].lower() in POSS_PRONOUNS
                    and span[0].lower_ not in POSS_PRONOUNS):
                ann.name = span.text
            ann.add_mention(span.start_char, span.end_char)
            anchors.append((span.start_char, c.country))
            anchors.sort()
