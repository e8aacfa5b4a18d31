"""``newsgraph_places_v1``: recognise place names and resolve them to the offline GeoNames gazetteer.

Recognition, in order of trust:
- spaCy GPE/LOC/FAC entities and the place-like entities of ``doc._.ng_entities`` (the entities component
  relabels "Donetsk Oblast", tagged ORG by the small model, as GPE);
- ORG/PERSON spans whose whole text is a country or first-level region ("Ukraine" tagged ORG);
- gazetteer matches the model missed: capitalised word runs that are a country, region or news place anywhere,
  or a town after a locative preposition ("captured in Donetsk") or before a state qualifier ("London, Ky.").
Demonyms and languages (NORP) and people are never places.

Resolution scores every candidate of a name and keeps the best, saying why (``reason``):
- priors: feature class (country > news region > admin1 > city by population > admin2), main name over an
  alternate name, region words in the mention ("Donetsk Oblast" is the region, "Donetsk" the city);
- a qualifier right after the name: "London, Ky.", "Paris, Texas", "Alexandria, Va.";
- the document's context: countries and first-level regions named elsewhere with little doubt (admin1
  consistency), weighted up for the dateline ("KYIV, Ukraine —");
- the ambiguity of the name (how many places share it) is reported in the reason.
A name with no candidate keeps ``lat: None`` and does not change anything else.
"""

from __future__ import annotations

import logging
import math
import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from spacy.attrs import ENT_IOB, ENT_TYPE, IDX, IS_TITLE, IS_UPPER, LENGTH, LOWER, ORTH, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.gazetteer import Candidate, Gazetteer, get_gazetteer, name_key
from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.knowledge import load_table
from newsgraph.records import Article, Place

LOGGER = logging.getLogger(__name__)

PLACE_LABELS = ("GPE", "LOC", "FAC")
#: words before a capitalised run that make it a place ("in Donetsk", "near Bakhmut")
LOCATIVE = {
    "in", "near", "from", "to", "at", "outside", "across", "into", "around", "towards", "toward", "throughout",
    "inside", "through", "via", "between", "and", "of", "northern", "southern", "eastern", "western", "central",
    "north", "south", "east", "west", "nearby", "besieged", "occupied", "liberated", "captured", "seized",
}
#: last words that make a mention a region, not the town of the same name
REGION_WORDS = {
    "oblast", "region", "province", "state", "governorate", "prefecture", "county", "krai", "district", "parish",
    "raion", "territory", "department", "canton", "voivodeship", "republic",
}
#: first words of multiword toponyms: the word belongs to the name ("Lake Vermont" is a lake, not the state)
NAME_PREFIXES = {"lake", "mount", "mt.", "mt", "fort", "ft.", "port", "cape", "saint", "st.", "ste.", "san", "santa",
                 "los", "las", "el", "new", "north", "south", "east", "west", "upper", "lower", "greater"}
#: last words of multiword toponyms ("Douglas County", "Cranberry Township", "Twin Lakes", "Clay County")
NAME_HEADS = {"county", "township", "parish", "borough", "lake", "lakes", "river", "island", "islands", "valley",
              "mountains", "mountain", "peninsula", "bay", "creek", "canyon", "desert", "falls", "heights"}
#: first words of natural features: an unknown name starting with one is not placed at the town or region it
#: names ("Lake Vermont" is not Vermont, "Mount Hope" not Hope)
FEATURE_WORDS = {"lake", "lakes", "mount", "mt.", "river", "island", "islands", "valley", "mountains", "mountain",
                 "peninsula", "bay", "creek", "canyon", "desert", "falls", "cape", "gulf", "sea", "delta", "basin"}
#: words that may join capitalised words inside a place name ("Gulf of Aden", "Bosnia and Herzegovina")
CONNECTORS = {"of", "and", "de", "del", "la", "le", "du", "da", "on", "upon", "al", "el"}
#: a capitalised word ending like these and unknown to the gazetteer is a demonym, not a place
_DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ic|i|is|an|ans|ers?|ch)$")
#: capitalised words that name regions or towns somewhere but are ordinary words in English text
COMMON_WORDS = {
    "north", "south", "east", "west", "central", "centre", "center", "capital", "coast", "island", "islands",
    "lakes", "valley", "river", "mountain", "eastern", "western", "northern", "southern", "city", "county",
    "state", "union", "federal", "national", "international", "independence", "liberty", "victoria", "hope",
    "progress", "unity", "paradise", "commerce", "friendship", "providence", "concord", "harmony", "enterprise",
    "mobile", "police", "justice", "mission", "march", "may", "june", "july", "august", "university", "college",
    "school", "hospital", "church", "street", "road", "park", "square", "airport", "station", "bridge",
    "gulf", "bay", "lake", "hills", "heights", "springs", "falls", "beach", "harbor", "harbour", "port",
}
#: last words of an organisation's name that make it a site ("Colchester General Hospital")
FACILITY_HEADS = {
    "hospital", "school", "university", "college", "church", "cathedral", "mosque", "temple", "library", "stadium",
    "arena", "center", "centre", "airport", "hotel", "estate", "racecourse", "plantation", "park", "museum",
    "prison", "jail", "station", "market", "mall", "theatre", "theater", "hall", "zoo", "bridge", "base",
    "camp", "port", "harbour", "harbor", "street", "avenue", "road", "square", "basilica", "palace",
}
#: last words of street and venue names: a town named in them says nothing of where they are
STREET_HEADS = {
    "street", "st", "st.", "avenue", "ave", "ave.", "road", "rd", "drive", "lane", "boulevard", "blvd", "way",
    "bend", "place", "court", "highway", "parade", "crescent", "terrace", "pike", "parkway", "expressway",
}
_SPACES = np.array(["", " "], dtype=object)
_PREV_WORD = re.compile(r"(\w+)\W*$")
_SAINT = re.compile(r"^(?:St\.?|Saint|Ste\.?)\s")


def _token_at(starts: list[int], length: int, char: int) -> int:
    """The token whose text or trailing space holds character ``char`` (tokens tile the text), or -1."""
    if char < 0 or char >= length:
        return -1
    return bisect_right(starts, char) - 1


def _prev_word(text: str, start: int) -> str:
    m = _PREV_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w’'.]*\.?)(?:\s+[A-Z][\w’'.]*\.?){0,2})")
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .’'-]{1,40}?)(?:,\s*([A-Z][\w .’']{1,30}?))?\s*(?:\([^)]{1,20}\)\s*)?[—–-]{1,2}\s")

#: features whose points place an article's other names ("Alexandria" near "Arlington")
LOCAL_FEATURES = frozenset({"city", "admin2", "district", "site"})
#: a candidate this close to a town or county the article names with little doubt gains up to NEAR_BONUS
NEAR_KM = 250.0
NEAR_BONUS = 2.0
#: the weight of the source's home place among the article's places (a dateline counts 3, a mention 1)
HOME_WEIGHT = 1.0
#: the weight of a place chosen with doubt in the second, joint pass (0 turns the pass off)
JOINT_WEIGHT = 0.5
HOME_KEY = "\x00home"  # the source's home in the article's geography: no mention has this name
SOURCES_FILE = "sources.tsv"
_PLACE_KEY = re.compile(r"^(?:c|ct|a1|a2|p|k):")

FEATURE_PRIOR = {"country": 5.0, "continent": 5.0, "region": 5.5, "water": 5.5, "landform": 5.5, "admin1": 3.5,
                 "admin2": 1.5, "district": 1.0, "site": 0.5}


@dataclass(slots=True)
class _Tokens:
    """The token attributes recognition reads, as arrays read once per doc (no Token objects)."""

    title: np.ndarray  # bool: title case
    upper: np.ndarray  # bool: in capitals, two characters or more
    lower: list[int]  # LOWER hashes
    starts: list[int]  # character offsets
    ends: list[int]  # character end offsets
    sent_start: np.ndarray  # bool: a sentence starts here
    ents: list[tuple[int, int, int]]  # the named entities (doc.ents) as (start token, end token, label hash)
    text: str  # doc.text


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    text: str
    rule: str
    label: str  # GPE LOC FAC or "" for gazetteer matches
    cands: list[tuple[Candidate, bool]] = field(default_factory=list)
    qualifier: list[tuple[Candidate, bool]] = field(default_factory=list)
    dateline: bool = False
    inner: tuple[str, list[tuple[Candidate, bool]]] | None = None  # a place named inside an unknown name
    far_qualifier: bool = False  # the qualifier follows another mention of the name
    priors: list[float] = field(default_factory=list)  # _prior of each candidate, in the order of cands


@Language.factory(
    "newsgraph_places_v1",
    default_config={
        "knowledge_dir": None,
        "labels": list(PLACE_LABELS),
        "min_town_population": 1000,
        "site_fallback": True,
    },
    assigns=["doc._.ng_places"],
    requires=["doc.ents", "doc._.ng_entities"],
)
def make_places(
    nlp: Language, name: str, knowledge_dir: str | None, labels: list[str], min_town_population: int,
    site_fallback: bool,
) -> PlacesComponent:
    register_extensions()
    register_home()
    return PlacesComponent(nlp, get_gazetteer(knowledge_dir), labels, min_town_population, site_fallback,
                           Sources(knowledge_dir))


class PlacesComponent:
    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, labels: list[str] | tuple[str, ...] = PLACE_LABELS,
        min_town_population: int = 1000, site_fallback: bool = True, sources: Sources | None = None,
    ) -> None:
        self.gaz = gazetteer
        self.labels = set(labels)
        self.min_town_population = min_town_population
        self.site_fallback = site_fallback
        self._strings = nlp.vocab.strings
        self._connectors = {nlp.vocab.strings.add(w) for w in CONNECTORS}
        self._locative = {nlp.vocab.strings.add(w) for w in LOCATIVE}
        self._common = {nlp.vocab.strings.add(w) for w in COMMON_WORDS}
        self._the = nlp.vocab.strings.add("the")
        # per name: _relabel's answers (not after, after a locative word); _gazetteer_match's name-only part
        self._relabel_cache: dict[tuple[str, str, bool], tuple[tuple[str, str] | None, tuple[str, str] | None]] = {}
        self._match_cache: dict[tuple[str, bool], str | tuple[bool, bool] | None] = {}
        self._embedded_cache: dict[tuple[str, tuple[int, ...], tuple[int, ...]], list[tuple[int, int]]] = {}
        self.sources = sources if sources is not None else Sources()
        self._home_cache: dict[str, Candidate | None] = {}

    def _tokens(self, doc: Doc) -> _Tokens:
        arr = doc.to_array([IS_TITLE, IS_UPPER, LENGTH, LOWER, IDX, SENT_START, ENT_IOB, ENT_TYPE, ORTH, SPACY])
        starts = arr[:, 4]
        # doc.ents without Span objects: an entity begins at B with a label and runs over the I tokens after it
        iob, ent_type = arr[:, 6], arr[:, 7]
        begins = np.flatnonzero((iob == 3) & (ent_type != 0))
        breaks = np.append(np.flatnonzero(iob != 1), len(arr))
        ent_ends = breaks[np.searchsorted(breaks, begins, side="right")]
        return _Tokens(
            title=arr[:, 0].astype(bool), upper=arr[:, 1].astype(bool) & (arr[:, 2] >= 2),
            lower=arr[:, 3].tolist(), starts=starts.tolist(),
            ends=(starts + arr[:, 2]).tolist(), sent_start=arr[:, 5] == 1,
            ents=list(zip(begins.tolist(), ent_ends.tolist(), ent_type[begins].tolist(), strict=True)),
            text=self._text(arr[:, 8], arr[:, 9]),
        )

    def _text(self, orth: np.ndarray, spacy: np.ndarray) -> str:
        """doc.text (every token's text and its trailing space) with one string look-up per distinct word:
        Doc.text makes a Token object per token."""
        n = len(orth)
        if not n:
            return ""
        distinct, where = np.unique(orth, return_inverse=True)
        strings = self._strings
        words = np.array([strings[h] for h in distinct.tolist()], dtype=object)
        parts = np.empty(2 * n, dtype=object)
        parts[0::2] = words[where.ravel()]
        parts[1::2] = _SPACES[spacy.astype(np.intp)]
        return "".join(parts.tolist())

    # ---------------------------------------------------------------------------------------------------------
    # recognition

    def _recognise(self, doc: Doc, text: str, toks: _Tokens | None = None) -> list[_Mention]:
        if toks is None:
            toks = self._tokens(doc)
        found: dict[tuple[int, int], tuple[str, str]] = {}  # (start, end) -> (rule, label)
        # per character: 1 = inside a place mention, 2 = inside a person, demonym or organisation
        cover = bytearray(len(text))

        def add(start: int, end: int, rule: str, label: str) -> None:
            found[(start, end)] = (rule, label)
            cover[start:end] = b"\x01" * (end - start)

        orgs: list[tuple[int, int]] = []
        for ann in get_list(doc, "ng_entities"):
            for start, end in ann.mentions:
                if ann.label in self.labels:
                    if not self._bad_place_head(text[start:end], ann.rule):
                        add(start, end, ann.rule, ann.label)
                    continue
                relabel = self._relabel(text, start, end, ann.label, ann.name)
                if relabel:
                    add(start, end, *relabel)
                else:
                    cover[start:end] = b"\x02" * (end - start)
                    if ann.label == "ORG":
                        orgs.append((start, end))
        for ent_start, ent_end, label_id in toks.ents:
            start, end = toks.starts[ent_start], toks.ends[ent_end - 1]
            if cover.count(0, start, end) < end - start:
                continue
            label = self._strings[label_id]
            if label in self.labels:
                if ent_end - ent_start > 1 and toks.lower[ent_start] == self._the:
                    start = toks.starts[ent_start + 1]
                add(start, end, "ner", label)
                continue
            relabel = self._relabel(text, start, end, label, text[start:end])
            if relabel:
                add(start, end, *relabel)
            else:
                cover[start:end] = b"\x02" * (end - start)
                if label == "ORG":
                    orgs.append((start, end))
        # the dateline, often in capitals the model does not tag: "KYIV, Ukraine —", "BEIRUT (AP) —"
        line = _DATELINE.match(text, 0, min(len(text), 120))
        if line:
            for group in (1, 2):
                start, end = line.span(group)
                if start >= 0 and not cover.count(0, start, end) < end - start and any(
                        c.feature in ("country", "admin1", "city") for c, main in self.gaz.lookup(text[start:end]) if main):
                    add(start, end, "dateline", "GPE")
        # places inside organisation names: "Toronto Police", "Trade Promotion Organization of Iran"
        for start, end in orgs:
            # the tokens of doc.char_span(start, end, alignment_mode="expand"), found in the offsets
            first, last = _token_at(toks.starts, len(text), start), _token_at(toks.starts, len(text), end - 1)
            if first < 0 or last < 0:
                continue
            if start == toks.ends[first]:  # in the space after a token: not that token
                first += 1
            for sub_start, sub_end in self._embedded_cached(text, toks, first, last + 1):
                add(sub_start, sub_end, "embedded_in_org", "GPE")
        starts, ends = toks.starts, toks.ends
        for s_tok, e_toks in self._runs(toks):
            start = starts[s_tok]
            if cover.count(0, start, ends[s_tok]) < ends[s_tok] - start:
                continue  # the first word is taken: so is every run from it
            for e_tok in e_toks:
                end = ends[e_tok - 1]
                if cover.count(0, start, end) < end - start:
                    continue
                rule = self._gazetteer_match(text, toks, s_tok, e_tok, start, end)
                if rule:
                    add(start, end, rule, "")
        # a one-word "place" the gazetteer does not know and that is part of a person's name ("Yulia")
        person_words = {w for ann in get_list(doc, "ng_entities") if ann.label == "PERSON"
                        for w in ann.name.split()}
        for (start, end), (rule, label) in list(found.items()):
            if rule == "ner" and label == "GPE":
                name = text[start:end]
                if " " not in name and name in person_words and not self.gaz.has(name):
                    del found[(start, end)]
        # multiword toponyms kept whole: "Twin Lakes", not "Lakes"; "Lake Vermont", not Vermont
        for (start, end), (rule, label) in list(found.items()):
            wide = self._widen(text, toks, start, end)
            if wide != (start, end):
                del found[(start, end)]
                found[wide] = (rule + "+whole_name", label)
        # keep the longest of overlapping mentions
        out: list[tuple[int, int]] = []
        for start, end in sorted(found, key=lambda k: (k[0], -k[1])):
            if out and start < out[-1][1]:
                if end - start > out[-1][1] - out[-1][0]:
                    out[-1] = (start, end)
                continue
            out.append((start, end))
        mentions = [_Mention(start, end, text[start:end], *found[(start, end)]) for start, end in out]
        return [m for m in mentions if not self._is_demonym(m)]

    def _widen(self, text: str, toks: _Tokens, start: int, end: int) -> tuple[int, int]:
        """A mention grown by the capitalised word before or after it when that word belongs to the name: a
        feature word ("Lake", "Mount", "Fort", "County", "Township") or a word with which the whole is a
        gazetteer name ("Twin" + "Lakes"). Person and organisation spans are never entered."""
        n = len(text)
        first, last = _token_at(toks.starts, n, start), _token_at(toks.starts, n, end - 1)
        if first < 0 or last < 0:
            return start, end
        for _ in range(2):
            grown = False
            if first > 0 and toks.title[first - 1] and not toks.sent_start[first] and toks.ends[first - 1] < start:
                word = text[toks.starts[first - 1] : toks.ends[first - 1]]
                if word.lower() == "the":
                    break
                whole = text[toks.starts[first - 1] : end]
                if word.lower() in NAME_PREFIXES or (word.lower() not in COMMON_WORDS and self._whole(whole)):
                    first -= 1
                    start = toks.starts[first]
                    grown = True
            if last + 1 < len(toks.starts) and toks.title[last + 1] and toks.starts[last + 1] > end:
                word = text[toks.starts[last + 1] : toks.ends[last + 1]]
                if word.lower() in NAME_HEADS or (word.lower() in COMMON_WORDS and self._whole(text[start : toks.ends[last + 1]])):
                    last += 1
                    end = toks.ends[last]
                    grown = True
            if not grown:
                break
        return start, end

    def _whole(self, name: str) -> bool:
        """A name the gazetteer knows as a town, county or region by its main name."""
        return any(main and c.feature in ("city", "admin2", "admin1", "region", "water", "landform")
                   for c, main in self.gaz.lookup(name))

    @staticmethod
    def _bad_place_head(name: str, rule: str) -> bool:
        """"European Investment Bank" made a place by its last word: only region words count."""
        if "place_head" not in rule:
            return False
        return name.rsplit(maxsplit=1)[-1].lower() not in REGION_WORDS

    def _relabel(self, text: str, start: int, end: int, label: str, canonical: str) -> tuple[str, str] | None:
        """An ORG or PERSON span that is a place: (rule, label), or None (see ``_relabel_name``). The answer
        depends on the name, the label, whether the name is the entity's canonical name and whether a
        locative word comes before it: cached per name for both cases of the last."""
        if label not in ("ORG", "PERSON"):
            return None
        name = text[start:end]
        key = (label, name, canonical == name)
        plan = self._relabel_cache.get(key)
        if plan is None:
            plan = (self._relabel_name(name, label, key[2], False), self._relabel_name(name, label, key[2], True))
            if len(self._relabel_cache) >= 100_000:
                self._relabel_cache.clear()
            self._relabel_cache[key] = plan
        if plan[0] == plan[1]:
            return plan[0]
        prev = _prev_word(text, start)
        return plan[1] if prev in LOCATIVE and prev not in ("and", "of") else plan[0]

    def _relabel_name(self, name: str, label: str, canonical: bool, locative: bool) -> tuple[str, str] | None:
        """An ORG or PERSON span that is a place: (rule, label), or None.

        ORG: a country or region by its main name ("Ukraine" tagged ORG), a town of 20,000 or more with no
        organisation word, or a facility ("Colchester General Hospital" -> a site). PERSON: a country or news
        region, or a large town never named as part of a longer person name; after "in"/"near"/... any town.
        """
        words = name.split()
        if not words or (name.isupper() and len(name) > 4):
            return None
        if label == "ORG" and words[-1].lower() in FACILITY_HEADS and len(words) > 1:
            return "org_facility", "FAC"
        if len(words) == 1 and words[0].lower() in COMMON_WORDS:
            return None
        cands = [c for c, main in self.gaz.lookup(name) if main]
        if _SAINT.match(name):  # "St Patrick's" the person or church, not a parish of Dominica
            cands = [c for c in cands if c.feature != "admin1"]
        if not cands:
            return None
        big = max((c.population for c in cands if c.feature == "city"), default=0)
        if name.isupper():  # "UN", "NATO", "OAS" are towns somewhere; "US", "UAE" are countries
            big = 0
        if label == "ORG":
            if any(c.feature in ("country", "region", "water", "landform", "continent") for c in cands):
                return "mislabel:ORG", "GPE"
            if not name.isupper() and any(c.feature == "admin1" for c in cands):
                return "mislabel:ORG", "GPE"
            if big >= 20_000 or (locative and big >= self.min_town_population):
                return "mislabel:ORG", "GPE"
            return None
        if any(c.feature in ("country", "region", "water", "landform", "continent") for c in cands):
            return "mislabel:PERSON", "GPE"
        if locative and (big >= self.min_town_population or any(c.feature == "admin1" for c in cands)):
            return "mislabel:PERSON", "GPE"
        if big >= 100_000 and canonical:
            return "mislabel:PERSON", "GPE"
        return None

    def _embedded_cached(self, text: str, toks: _Tokens, first: int, last: int) -> list[tuple[int, int]]:
        """``_embedded``, cached per organisation name and its tokenisation."""
        if first >= last:
            return []
        base, end = toks.starts[first], toks.ends[last - 1]
        key = (text[base:end], tuple(x - base for x in toks.starts[first:last]),
               tuple(x - base for x in toks.ends[first:last]))
        found = self._embedded_cache.get(key)
        if found is None:
            found = [(s - base, e - base) for s, e in self._embedded(text, toks, first, last)]
            if len(self._embedded_cache) >= 100_000:
                self._embedded_cache.clear()
            self._embedded_cache[key] = found
        return [(base + s, base + e) for s, e in found]

    def _embedded(self, text: str, toks: _Tokens, first: int, last: int):  # type: ignore[no-untyped-def]
        """Countries, regions and towns of 100,000 or more named inside an organisation's name (tokens
        ``first`` to ``last``), as (start char, end char)."""
        title, upper, starts, ends = toks.title, toks.upper, toks.starts, toks.ends
        i = first
        while i < last:
            if not title[i] and not upper[i]:
                i += 1
                continue
            for j in range(min(last, i + 3), i, -1):
                sub = text[starts[i] : ends[j - 1]]
                if sub.lower() in COMMON_WORDS or (sub.isupper() and len(sub) > 3):
                    continue
                cands = [c for c, main in self.gaz.lookup(sub) if main]
                if sub.isupper():  # "SAN ANTONIO": headline capitals; only "US", "UK" and the like
                    cands = [c for c in cands if c.feature == "country"]
                if _SAINT.match(sub):  # "University of St. Thomas" is not a Jamaican parish
                    cands = [c for c in cands if c.feature != "admin1"]
                if any(c.feature in ("country", "admin1", "region", "continent")
                       or (c.feature == "city" and c.population >= 100_000) for c in cands):
                    yield starts[i], ends[j - 1]
                    i = j - 1
                    break
            i += 1

    def _runs(self, toks: _Tokens):  # type: ignore[no-untyped-def]
        """Capitalised word runs worth a gazetteer look-up, as (start token, [end token, ...] longest first),
        by start: one to three title-case words, "X of/and Y (Z)", or one word in capitals ("UK"). Read from
        token arrays, so only capitalised tokens cost Python time."""
        title, lower, connectors = toks.title, toks.lower, self._connectors
        n = len(title)
        for i in np.flatnonzero(title | toks.upper).tolist():
            if not title[i]:
                yield i, (i + 1,)
                continue
            e_toks: list[int] = []
            joined = i + 2 < n and lower[i + 1] in connectors and title[i + 2]
            if joined and i + 3 < n and title[i + 3]:
                e_toks.append(i + 4)
            if joined or (i + 2 < n and title[i + 1] and title[i + 2]):
                e_toks.append(i + 3)
            if i + 1 < n and title[i + 1]:
                e_toks.append(i + 2)
            e_toks.append(i + 1)
            yield i, e_toks

    def _gazetteer_match(self, text: str, toks: _Tokens, s_tok: int, e_tok: int, start: int, end: int) -> str | None:
        """A capitalised run the model did not tag: a place when the gazetteer and the context agree."""
        key = (text[start:end], e_tok - s_tok == 1 and toks.lower[s_tok] in self._common)
        if key in self._match_cache:
            kind = self._match_cache[key]
        else:
            kind = self._match_kind(*key)
            if len(self._match_cache) >= 100_000:
                self._match_cache.clear()
            self._match_cache[key] = kind
        if not isinstance(kind, tuple):
            return kind
        admin1, towns = kind
        if admin1 and s_tok > 0 and not toks.sent_start[s_tok]:
            return "gazetteer:admin1"
        prev = toks.lower[s_tok - 1] if s_tok > 0 else None
        if towns and prev in self._locative:
            return "gazetteer:after_" + self._strings[prev]
        if towns and _QUALIFIER.match(text, end) and self._qualifier(text, end):
            return "gazetteer:qualified"
        return None

    def _match_kind(self, name: str, common_word: bool) -> str | tuple[bool, bool] | None:
        """What the name alone says for ``_gazetteer_match``: a rule, None (never a place), or (has a
        first-level region, has a town of min_town_population) for the context to decide."""
        cands = [(c, main) for c, main in self.gaz.lookup(name) if main]
        if not cands:
            return None
        if any(c.feature in ("country", "continent", "region", "water", "landform") for c, _ in cands):
            return "gazetteer:country_or_region"
        if name.isupper() or common_word:
            return None  # headlines in capitals; "Centre", "South" are regions somewhere, and words everywhere
        admin1 = any(c.feature == "admin1" for c, _ in cands)
        towns = any(c.feature == "city" and c.population >= self.min_town_population for c, _ in cands)
        return admin1, towns

    def _is_demonym(self, m: _Mention) -> bool:
        if " " in m.text or self.gaz.has(m.text):
            return False
        return bool(_DEMONYM.search(m.text.lower())) and m.label != "FAC"

    # ---------------------------------------------------------------------------------------------------------
    # resolution

    def _qualifier(self, text: str, end: int) -> list[tuple[Candidate, bool]]:
        """"London, Ky." -> Kentucky; "Paris, Texas" -> Texas; "Kyiv, Ukraine" -> Ukraine."""
        m = _QUALIFIER.match(text, end)
        if not m:
            return []
        words = m.group(1).split()
        for n in range(len(words), 0, -1):
            name = " ".join(words[:n])
            cands: list[tuple[Candidate, bool]] = [(c, main) for c, main in self.gaz.lookup(name)
                     if main and c.feature in ("country", "admin1", "region")]
            if not cands and name.endswith(".") and n == len(words):  # "Nebraska." ends the sentence; "Va." stays
                name = name.rstrip(".")
                cands = [(c, main) for c, main in self.gaz.lookup(name)
                         if main and c.feature in ("country", "admin1", "region")]
            if not cands and len(name) == 2 and name.isupper():
                state = self.gaz.by_key(f"a1:US:{name}")
                cands = [(state, True)] if state else []
            if cands:
                return cands
        return []

    def _contained(self, name: str) -> tuple[str, list[tuple[Candidate, bool]]] | None:
        """A place named inside a name the gazetteer lacks: "Colorado State University" -> Colorado, "north
        west London" -> London, "Nazi Germany" -> Germany. Only countries, regions and towns of 100,000 or
        more, longest sub-name first; never inside street names ("Hampton Avenue" is not in Hampton) and never
        the head word of a facility ("Marigny Plantation" is not in Plantation, Florida)."""
        words = name.split()
        if len(words) < 2 or words[-1].lower() in STREET_HEADS:
            return None
        if words[0].lower() in FEATURE_WORDS:
            return None
        if words[-1].lower() in FACILITY_HEADS:
            words = words[:-1]
        for n in range(min(len(words), len(name.split()) - 1), 0, -1):
            for i in range(len(words) - n + 1):
                sub = " ".join(words[i : i + n])
                if not sub[:1].isupper() or (n == 1 and sub.lower() in COMMON_WORDS) or (sub.isupper() and n > 1):
                    continue
                cands = [(c, True) for c, main in self.gaz.lookup(sub) if main and (
                    c.feature in ("country", "admin1", "admin2", "region", "water", "landform", "continent")
                    or c.population >= 100_000)]
                if sub.isupper():
                    cands = [(c, m) for c, m in cands if c.feature == "country"]
                if _SAINT.match(sub):
                    cands = [(c, m) for c, m in cands if c.feature != "admin1"]
                if cands:
                    return sub, cands
        return None

    @staticmethod
    def _prior(m: _Mention, c: Candidate, main: bool) -> float:
        if c.feature == "city":
            score = 1.2 * (math.log10(max(c.population, 1)) - 3.0) + 0.5
        else:
            score = FEATURE_PRIOR.get(c.feature, 1.0)
        if not main:
            score -= 1.5
        words = m.text.split()
        if words and words[-1].lower() in REGION_WORDS:
            score += 6.0 if c.feature in ("admin1", "admin2", "region") else -3.0
        return score

    def _resolve(self, text: str, mentions: list[_Mention], home: Candidate | None = None) -> list[Place]:
        # a name repeated in the article is looked up, ranked and chosen once per qualifier and context
        by_name: dict[str, tuple[list[tuple[Candidate, bool]], tuple[str, list[tuple[Candidate, bool]]] | None]] = {}
        for m in mentions:
            found = by_name.get(m.text)
            if found is None:
                cands = self.gaz.lookup(m.text)
                inner = None
                if not cands:
                    inner = self._contained(m.text)
                    cands = inner[1] if inner else []
                found = by_name[m.text] = (cands, inner)
            m.cands, m.inner = found
            m.qualifier = self._qualifier(text, m.end)
        # "Alexandria, Va." once in the article qualifies every other "Alexandria" of it
        article_quals = {m.text: m.qualifier for m in mentions if m.qualifier}
        for m in mentions:
            if not m.qualifier and m.text in article_quals:
                m.qualifier, m.far_qualifier = article_quals[m.text], True
        self._mark_dateline(text, mentions)
        # pass 1: mentions resolved with little doubt give the document's geography: countries, regions and
        # the points of its towns and counties
        geo = _Geography()
        if home is not None:
            geo.add(HOME_KEY, home, HOME_WEIGHT, f"the source's home {home.name}")
        sure: dict[tuple[str, tuple[str, ...]], tuple[list[float], Candidate | None]] = {}
        for m in mentions:
            key = _name_and_qualifier(m)
            entry = sure.get(key)
            if entry is None:
                entry = sure[key] = self._rank(m)
            m.priors, best = entry
            if best is not None:
                geo.add(m.text, best, 3.0 if m.dateline else 1.0)
        # context from the other names only: a name must not vote for itself, nor its repeats for each other
        contexts: dict[str, _Context] = {}
        chosen: list[tuple[Candidate, str] | None] = []
        choices: dict[tuple[str, tuple[str, ...]], tuple[Candidate, str] | None] = {}
        for m in mentions:
            choice_key = _name_and_qualifier(m)
            if choice_key not in choices:
                context = contexts.get(m.text)
                if context is None:
                    context = contexts[m.text] = geo.without(m.text)
                choices[choice_key] = self._choose(m, context)
            chosen.append(choices[choice_key])
        # pass 2, joint: the names chosen with doubt join the geography at a lower weight, and those names are
        # chosen again against it ("Arlington" and "Alexandria" in one story settle on one Virginia)
        doubtful = [m for m in mentions if sure[_name_and_qualifier(m)][1] is None and m.cands]
        if JOINT_WEIGHT and doubtful:
            joint = geo.copy()
            for m, choice in zip(mentions, chosen, strict=True):
                if choice is not None and sure[_name_and_qualifier(m)][1] is None:
                    joint.add(m.text, choice[0], JOINT_WEIGHT)
            again: dict[tuple[str, tuple[str, ...]], tuple[Candidate, str] | None] = {}
            contexts = {}
            for i, m in enumerate(mentions):
                if sure[_name_and_qualifier(m)][1] is not None or not m.cands:
                    continue
                choice_key = _name_and_qualifier(m)
                if choice_key not in again:
                    context = contexts.get(m.text)
                    if context is None:
                        context = contexts[m.text] = joint.without(m.text)
                    again[choice_key] = self._choose(m, context)
                chosen[i] = again[choice_key]
        site = self._main_town(mentions, chosen, geo.countries) if self.site_fallback else None
        places: list[Place] = []
        for m, choice in zip(mentions, chosen, strict=True):
            places.append(self._place(m, choice, site))
        return places

    def _rank(self, m: _Mention) -> tuple[list[float], Candidate | None]:
        """The priors of a mention's candidates, and its best candidate when there is little doubt."""
        priors = [self._prior(m, c, main) for c, main in m.cands]
        ranked = sorted(((p + self._qual_bonus(m, c), c) for p, (c, _) in zip(priors, m.cands, strict=True)),
                        key=lambda x: -x[0])
        if not ranked:
            return priors, None
        top, best = ranked[0]
        clash = any(c.feature in ("country", "admin1") and c.key != best.key for _, c in ranked[1:])
        if len(ranked) == 1 or (top - ranked[1][0] >= 2.5 and not clash) or self._qual_bonus(m, best):
            return priors, best
        return priors, None

    def _choose(self, m: _Mention, context: _Context) -> tuple[Candidate, str] | None:
        """The best candidate of a mention and the reason, or None when the gazetteer has no entry."""
        if not m.cands:
            return None
        total = context.total
        # distance counts among towns and counties only: "China", "Florida", "Ontario" are the country or
        # region whatever small town of the name lies near the article's others
        local = context.points and not any(
            main and c.feature not in LOCAL_FEATURES for c, main in m.cands)
        scored: list[tuple[float, Candidate, list[str]]] = []
        for prior, (c, _) in zip(m.priors, m.cands, strict=True):
            why: list[str] = []
            score = prior
            qual = self._qual_bonus(m, c)
            if qual:
                score += qual
                where = " (elsewhere in the article)" if m.far_qualifier else ""
                why.append("qualifier " + ", ".join(q.name for q, _ in m.qualifier[:1]) + where)
            if c.country and total:
                # the share of the article's confident places in the candidate's country (and region)
                share = context.countries.get(c.country, 0.0) / total
                if share > 0:
                    score += 2.5 * share
                    why.append(f"country {c.country} {context.said(c.country, None)}")
                if c.admin1 and c.feature not in ("admin1", "country"):
                    rshare = context.regions.get((c.country, c.admin1), 0.0) / total
                    if rshare > 0:
                        score += 0.5 + 2.5 * rshare
                        why.append(f"region {c.admin1} {context.said(c.country, c.admin1)}")
            if local and c.lat is not None and c.lon is not None and c.feature in LOCAL_FEATURES:
                # the distance to the article's confident towns and counties
                d, near = min((_km(c.lat, c.lon, lat, lon), name) for name, lat, lon in context.points)
                if d < NEAR_KM:
                    score += NEAR_BONUS * (1.0 - d / NEAR_KM)
                    why.append(f"{d:.0f} km from {near}")
            scored.append((score, c, why))
        scored.sort(key=lambda x: -x[0])
        _, best, why = scored[0]
        if best.feature == "city":  # "Singapore", "Kuwait": the country of the same name
            same = [c for _, c, _ in scored if c.feature == "country" and c.country == best.country]
            if same:
                best, why = same[0], ["country of the same name as its city"]
        if not why:
            why.append(_prior_reason(best))
        if m.inner:
            why.insert(0, f"named inside the mention: {m.inner[0]}")
        if len(scored) > 1:
            why.append(f"{len(scored)} places share the name")
        return best, "; ".join(why)

    def _place(self, m: _Mention, chosen: tuple[Candidate, str] | None, site: Candidate | None) -> Place:
        if chosen is not None:
            best, reason = chosen
            return Place(
                start=m.start, end=m.end, text=m.text, name=best.name, country=best.country, admin1=best.admin1,
                feature=best.feature, lat=best.lat, lon=best.lon, geonameid=best.geonameid, rule=m.rule,
                reason=reason,
            )
        if site is not None and m.label == "FAC":
            return Place(
                start=m.start, end=m.end, text=m.text, name=m.text, country=site.country, admin1=site.admin1,
                feature="site", lat=site.lat, lon=site.lon, geonameid=None, rule=m.rule + "+main_town",
                reason=f"site not in the gazetteer: placed at {site.name}, the article's main town",
            )
        words = m.text.split()
        if (site is not None and m.label in ("GPE", "LOC") and m.inner is None and len(words) > 1
                and words[-1].lower() not in CONNECTORS and not m.text.isupper()):
            # "Beledweyne District", "Mozart Estate": a named part of the town; never a lone word, which may be a
            # people or a creed ("Qiang", "Khawarij") the model calls a place
            return Place(
                start=m.start, end=m.end, text=m.text, name=m.text, country=site.country, admin1=site.admin1,
                feature="district", lat=site.lat, lon=site.lon, geonameid=None, rule=m.rule + "+main_town",
                reason=f"place not in the gazetteer: placed at {site.name}, the article's main town",
            )
        return Place(start=m.start, end=m.end, text=m.text, name=m.text, rule=m.rule, reason="no gazetteer entry")

    @staticmethod
    def _main_town(
        mentions: list[_Mention], chosen: list[tuple[Candidate, str] | None], countries: Counter[str],
    ) -> Candidate | None:
        """The article's main town, for sites the gazetteer lacks ("Royal Street"): the dateline's town, else a
        town named at least twice, in the article's main country."""
        if not countries:
            return None
        top_country = countries.most_common(1)[0][0]
        towns: Counter[str] = Counter()
        by_key: dict[str, Candidate] = {}
        for m, ch in zip(mentions, chosen, strict=True):
            if ch and ch[0].feature == "city" and ch[0].country == top_country:
                towns[ch[0].key] += 2 if m.dateline else 1
                by_key[ch[0].key] = ch[0]
        if not towns:
            return None
        key, count = towns.most_common(1)[0]
        return by_key[key] if count >= 2 else None

    @staticmethod
    def _qual_bonus(m: _Mention, c: Candidate) -> float:
        for q, _ in m.qualifier:
            if q.key == c.key:
                continue
            if q.feature == "admin1" and c.country == q.country and c.admin1 == q.admin1:
                return 10.0
            if q.feature == "country" and c.country == q.country:
                return 8.0
        return 0.0

    def _mark_dateline(self, text: str, mentions: list[_Mention]) -> None:
        """"KYIV, Ukraine —" or "WASHINGTON (AP) —": the place the story was filed from."""
        m = _DATELINE.match(text[:120])
        if not m:
            return
        for men in mentions:
            if men.start >= m.end():
                break
            men.dateline = True

    def __call__(self, doc: Doc) -> Doc:
        places = get_list(doc, "ng_places")
        toks = self._tokens(doc)  # also reads doc.text, which is built from Token objects on every access
        home = self._home(doc._.ng_home) if Doc.has_extension("ng_home") else None
        places[:] = self._resolve(toks.text, self._recognise(doc, toks.text, toks), home)
        return doc

    # ---------------------------------------------------------------------------------------------------------
    # the source's home

    def _home(self, given: tuple[str | None, str | None, str | None] | None) -> Candidate | None:
        """The home place of an article's source from ``doc._.ng_home`` (home, source name, url): the article's
        own ``home`` field (or ``--home``), else the ``knowledge/sources.tsv`` row of its url's domain or
        source name; None where neither names one (an international broadcaster has no home)."""
        if not given:
            return None
        home, source, url = given
        if not home:
            home = self.sources.home_of(source, url)
        if not home:
            return None
        if home not in self._home_cache:
            self._home_cache[home] = self._home_place(home)
        return self._home_cache[home]

    def _home_place(self, home: str) -> Candidate | None:
        """"Richmond, Va." -> Richmond, Virginia; "a1:US:VA" -> Virginia; "Iowa" -> the state."""
        if _PLACE_KEY.match(home):
            found = self.gaz.by_key(home)
            if found is None:
                LOGGER.warning("home %r: no such gazetteer key", home)
            return found
        name, _, qual = home.partition(",")
        cands = [c for c, main in self.gaz.lookup(name.strip()) if main]
        if qual.strip():
            quals = self._qualifier(", " + qual.strip(), 0)
            cands = [c for c in cands if any(
                c.country == q.country and (q.feature == "country" or c.admin1 == q.admin1) for q, _ in quals)]
        if not cands:
            LOGGER.warning("home %r: not in the gazetteer", home)
            return None
        probe = _Mention(0, len(name), name.strip(), "home", "")
        return max(cands, key=lambda c: self._prior(probe, c, True))


def register_home() -> None:
    """``doc._.ng_home``: (home, source name, url) of the article, set before the pipeline runs (``set_home``)."""
    if not Doc.has_extension("ng_home"):
        Doc.set_extension("ng_home", default=None)


def set_home(doc: Doc, article: Article) -> None:
    """Give the places component what it needs to find the article source's home."""
    register_home()
    if article.home or article.source or article.url:
        doc._.ng_home = (article.home, article.source, article.url)


class Sources:
    """knowledge/sources.tsv: a source (a domain such as ``richmond.com``, or a source name) -> its home place
    ("Richmond, Va.", a gazetteer key, or ``-`` for none); a user knowledge folder's file adds or replaces rows."""

    def __init__(self, knowledge_dir: str | Path | None = None) -> None:
        self.homes: dict[str, str | None] = {}
        # the bundled rows, then the user's (a later row of the same source replaces an earlier one)
        for row in load_table(SOURCES_FILE, ("source", "home", "note"), knowledge_dir, required=1):
            source, home, _note = row.cells
            self.homes[source.lower()] = None if home in ("", "-") else home

    def home_of(self, source: str | None, url: str | None) -> str | None:
        """The home of a url's domain (or a parent domain: ``www.voanews.com`` -> ``voanews.com``), else of
        the source name."""
        if url:
            host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
            parts = host.split(".")
            for i in range(len(parts) - 1):
                domain = ".".join(parts[i:])
                if domain in self.homes:
                    return self.homes[domain]
        if source and source.strip().lower() in self.homes:
            return self.homes[source.strip().lower()]
        return None


def _name_and_qualifier(m: _Mention) -> tuple[str, tuple[str, ...]]:
    """What ranking a mention depends on besides its context: its name (hence candidates) and qualifier."""
    return m.text, tuple(q.key for q, _ in m.qualifier)


class _Geography:
    """The places an article names with little doubt, by name: what they add to countries, regions and points."""

    def __init__(self) -> None:
        self.countries: Counter[str] = Counter()  # float weights
        self.regions: Counter[tuple[str, str]] = Counter()
        # by name key ("LONDON" and "London" are one name)
        self.by_name: dict[str, list[tuple[str, tuple[str, str] | None, float]]] = {}
        self.points: list[tuple[str, str, float, float]] = []  # (name key, label, lat, lon) of towns, counties, sites

    def add(self, name: str, best: Candidate, weight: float, label: str | None = None) -> None:
        if not best.country:
            return
        region: tuple[str, str] | None = None
        if best.admin1 and best.feature not in ("country", "admin1"):
            region = (best.country, best.admin1)
        elif best.feature == "admin1":
            region = (best.country, best.admin1 or best.name)
        self.countries[best.country] += weight  # type: ignore[assignment]  # the counters hold float weights
        if region:
            self.regions[region] += weight  # type: ignore[assignment]
        key = name_key(name)
        self.by_name.setdefault(key, []).append((best.country, region, weight))
        if best.feature in LOCAL_FEATURES and best.lat is not None and best.lon is not None:
            self.points.append((key, label or f"{name}, named in the article", best.lat, best.lon))

    def copy(self) -> _Geography:
        other = _Geography()
        other.countries, other.regions = Counter(self.countries), Counter(self.regions)
        other.by_name = {k: list(v) for k, v in self.by_name.items()}
        other.points = list(self.points)
        return other

    def without(self, name: str) -> _Context:
        """The geography less what the mentions of ``name`` added to it."""
        countries: dict[str, float] = dict(self.countries)
        regions: dict[tuple[str, str], float] = dict(self.regions)
        key = name_key(name)
        for country, region, weight in self.by_name.get(key, ()):
            countries[country] = countries.get(country, 0) - weight
            if region:
                regions[region] = regions.get(region, 0) - weight
        total = sum(v for v in countries.values() if v > 0)
        home = self.by_name.get(name_key(HOME_KEY), [None])[0]
        points = [(label, lat, lon) for k, label, lat, lon in self.points if k != key]
        return _Context(countries, regions, total, points, home)


@dataclass(frozen=True, slots=True)
class _Context:
    """What a mention is resolved against: the weights of the countries and regions the other names give, their
    total, and the points of the other names' towns and counties."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float]
    total: float
    points: list[tuple[str, float, float]]
    home: tuple[str, tuple[str, str] | None, float] | None = None  # the source's home's vote

    def said(self, country: str, admin1: str | None) -> str:
        """Who gave the country (or region): the article, or only the source's home."""
        if self.home:
            hc, hr, weight = self.home
            if admin1 is None and hc == country and self.countries.get(country, 0.0) <= weight:
                return "of the source's home"
            if admin1 is not None and hr == (country, admin1) and self.regions.get(hr, 0.0) <= weight:
                return "of the source's home"
        return "named in the article"


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _prior_reason(c: Candidate) -> str:
    if c.feature == "city":
        return f"most populous match ({c.population:,} people)"
    return f"{c.feature} by name"


__all__ = ["PlacesComponent", "Sources", "make_places", "register_home", "set_home"]
