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
from collections import Counter
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc

from newsgraph.gazetteer import Candidate, Gazetteer, get_gazetteer, name_key
from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.records import Place

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
#: words that may join capitalised words inside a place name ("Gulf of Aden", "Bosnia and Herzegovina")
CONNECTORS = {"of", "and", "de", "del", "la", "le", "du", "da", "on", "upon", "al", "el"}
#: a capitalised word ending like these and unknown to the gazetteer is a demonym, not a place
_DEMONYM = re.compile(r"(?:ian|ians|ese|ish|ic|i|is|an|ans|ers?|ch)$")
_QUALIFIER = re.compile(r",\s*((?:[A-Z][\w’'.]*\.?)(?:\s+[A-Z][\w’'.]*\.?){0,2})")
_DATELINE = re.compile(r"^\s*([A-Z][A-Za-z .’'-]{1,40}?)(?:,\s*([A-Z][\w .’']{1,30}?))?\s*(?:\([^)]{1,20}\)\s*)?[—–-]{1,2}\s")

FEATURE_PRIOR = {"country": 6.0, "continent": 5.0, "region": 5.5, "water": 5.5, "landform": 5.5, "admin1": 3.0,
                 "admin2": 1.5, "district": 1.0, "site": 0.5}


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
    return PlacesComponent(nlp, get_gazetteer(knowledge_dir), labels, min_town_population, site_fallback)


class PlacesComponent:
    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, labels: list[str], min_town_population: int = 1000,
        site_fallback: bool = True,
    ) -> None:
        self.gaz = gazetteer
        self.labels = set(labels)
        self.min_town_population = min_town_population
        self.site_fallback = site_fallback
        self.matcher = Matcher(nlp.vocab)
        title = {"IS_TITLE": True}
        joiner = {"LOWER": {"IN": sorted(CONNECTORS)}}
        self.matcher.add("run", [[title], [title, title], [title, title, title], [title, joiner, title],
                                 [title, joiner, title, title], [{"IS_UPPER": True, "LENGTH": {">=": 2}}]])

    # ---------------------------------------------------------------------------------------------------------
    # recognition

    def _recognise(self, doc: Doc) -> list[_Mention]:
        text = doc.text
        found: dict[tuple[int, int], _Mention] = {}
        blocked: list[tuple[int, int]] = []  # people, demonyms, organisations: never places
        for ann in get_list(doc, "ng_entities"):
            for start, end in ann.mentions:
                if ann.label in self.labels:
                    found[(start, end)] = _Mention(start, end, text[start:end], ann.rule, ann.label)
                elif ann.label in ("ORG", "PERSON") and self._is_region_name(text[start:end]):
                    found[(start, end)] = _Mention(start, end, text[start:end], "mislabel:" + ann.label, "GPE")
                else:
                    blocked.append((start, end))
        for ent in doc.ents:
            start, end = ent.start_char, ent.end_char
            if ent.label_ in self.labels:
                if any(s <= start and end <= e for s, e in found) or any(s <= start and end <= e for s, e in blocked):
                    continue
                if ent[0].lower_ == "the":
                    start = ent[1].idx if len(ent) > 1 else start
                found[(start, end)] = _Mention(start, end, text[start:end], "ner", ent.label_)
            elif ent.label_ in ("ORG", "PERSON") and self._is_region_name(ent.text):
                if not any(s <= start and end <= e for s, e in found):
                    found[(start, end)] = _Mention(start, end, ent.text, "mislabel:" + ent.label_, "GPE")
            else:
                blocked.append((start, end))
        taken = sorted(found)
        for _, s_tok, e_tok in sorted(self.matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
            span = doc[s_tok:e_tok]
            start, end = span.start_char, span.end_char
            if any(s < end and start < e for s, e in taken) or any(s < end and start < e for s, e in blocked):
                continue
            if span[-1].lower_ in CONNECTORS:
                continue
            rule = self._gazetteer_match(doc, s_tok, e_tok)
            if rule:
                found[(start, end)] = _Mention(start, end, span.text, rule, "")
                taken.append((start, end))
        mentions = sorted(found.values(), key=lambda m: m.start)
        # keep the longest of overlapping mentions
        out: list[_Mention] = []
        for m in mentions:
            if out and m.start < out[-1].end:
                if m.end - m.start > out[-1].end - out[-1].start:
                    out[-1] = m
                continue
            out.append(m)
        return [m for m in out if not self._is_demonym(m)]

    def _is_region_name(self, name: str) -> bool:
        """An ORG/PERSON span that is wholly a country or first-level region by its main name."""
        return any(main and c.feature in ("country", "admin1", "region") for c, main in self.gaz.lookup(name))

    def _gazetteer_match(self, doc: Doc, s_tok: int, e_tok: int) -> str | None:
        """A capitalised run the model did not tag: a place when the gazetteer and the context agree."""
        span = doc[s_tok:e_tok]
        cands = [(c, main) for c, main in self.gaz.lookup(span.text) if main]
        if not cands:
            return None
        if any(c.feature in ("country", "continent", "region", "water", "landform") for c, _ in cands):
            return "gazetteer:country_or_region"
        if any(c.feature == "admin1" for c, _ in cands) and (s_tok == 0 or not doc[s_tok].is_sent_start):
            return "gazetteer:admin1"
        prev = doc[s_tok - 1].lower_ if s_tok > 0 else ""
        towns = [c for c, _ in cands if c.feature == "city" and c.population >= self.min_town_population]
        if towns and prev in LOCATIVE:
            return "gazetteer:after_" + prev
        if towns and _QUALIFIER.match(doc.text, span.end_char) and self._qualifier(doc.text, span.end_char):
            return "gazetteer:qualified"
        return None

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
            cands = [(c, main) for c, main in self.gaz.lookup(name)
                     if main and c.feature in ("country", "admin1", "region")]
            if not cands and len(name) == 2 and name.isupper():
                state = self.gaz.by_key(f"a1:US:{name}")
                cands = [(state, True)] if state else []
            if cands:
                return cands
        return []

    @staticmethod
    def _prior(m: _Mention, c: Candidate, main: bool) -> float:
        if c.feature == "city":
            score = math.log10(max(c.population, 1)) - 2.5
        else:
            score = FEATURE_PRIOR.get(c.feature, 1.0)
        if not main:
            score -= 1.5
        last = m.text.split()[-1].lower() if m.text.split() else ""
        if last in REGION_WORDS:
            score += 6.0 if c.feature in ("admin1", "admin2", "region") else -3.0
        return score

    def _resolve(self, doc: Doc, mentions: list[_Mention]) -> list[Place]:
        text = doc.text
        for m in mentions:
            m.cands = self.gaz.lookup(m.text)
            m.qualifier = self._qualifier(text, m.end)
        self._mark_dateline(text, mentions)
        # pass 1: confident mentions give the document's countries and regions
        countries: Counter[str] = Counter()
        regions: Counter[tuple[str, str]] = Counter()
        first: list[tuple[Candidate, float] | None] = []
        for m in mentions:
            ranked = sorted(((self._prior(m, c, main) + self._qual_bonus(m, c), c) for c, main in m.cands),
                            key=lambda x: -x[0])
            best = ranked[0] if ranked else None
            first.append((best[1], best[0]) if best else None)
            if best and (len(ranked) == 1 or best[0] - ranked[1][0] >= 2.0):
                weight = 3.0 if m.dateline else 1.0
                if best[1].country:
                    countries[best[1].country] += weight
                if best[1].admin1 and best[1].feature != "country":
                    regions[(best[1].country or "", best[1].admin1)] += weight
        places: list[Place] = []
        site_point: Candidate | None = self._main_town(mentions, first) if self.site_fallback else None
        for m, firstbest in zip(mentions, first, strict=True):
            places.append(self._choose(m, firstbest, countries, regions, site_point))
        return places

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

    @staticmethod
    def _main_town(mentions: list[_Mention], first: list[tuple[Candidate, float] | None]) -> Candidate | None:
        """The article's main town: the dateline's, else the most named town (for sites not in the gazetteer)."""
        towns: Counter[str] = Counter()
        by_key: dict[str, Candidate] = {}
        for m, best in zip(mentions, first, strict=True):
            if best and best[0].feature in ("city", "admin2") and best[0].lat is not None:
                towns[best[0].key] += 5 if m.dateline else 1
                by_key[best[0].key] = best[0]
        if not towns:
            return None
        return by_key[towns.most_common(1)[0][0]]

    def _choose(
        self, m: _Mention, firstbest: tuple[Candidate, float] | None, countries: Counter[str],
        regions: Counter[tuple[str, str]], site_point: Candidate | None,
    ) -> Place:
        if not m.cands:
            if site_point is not None and m.label == "FAC":
                return Place(
                    start=m.start, end=m.end, text=m.text, name=m.text, country=site_point.country,
                    admin1=site_point.admin1, feature="site", lat=site_point.lat, lon=site_point.lon,
                    geonameid=None, rule=m.rule,
                    reason=f"site not in the gazetteer: placed at {site_point.name}, the article's main town",
                )
            return Place(start=m.start, end=m.end, text=m.text, name=m.text, feature=None, rule=m.rule,
                         reason="no gazetteer entry")
        own = {c.country for c, _ in m.cands}
        scored: list[tuple[float, Candidate, list[str]]] = []
        for c, main in m.cands:
            why: list[str] = []
            score = self._prior(m, c, main)
            qual = self._qual_bonus(m, c)
            if qual:
                score += qual
                why.append("qualifier " + ", ".join(q.name for q, _ in m.qualifier[:1]))
            if c.feature != "country" and c.country:
                # context from other mentions only: a name must not vote for itself
                share = countries.get(c.country, 0.0)
                if firstbest and firstbest[0].country == c.country and len(own) == 1:
                    share -= 1.0
                if share > 0:
                    score += min(2.5, 1.0 + share * 0.5)
                    why.append(f"country {c.country} named in the article")
                if c.admin1 and c.feature != "admin1" and regions.get((c.country or "", c.admin1), 0) > 0:
                    score += 1.5
                    why.append(f"region {c.admin1} named in the article")
            scored.append((score, c, why))
        scored.sort(key=lambda x: -x[0])
        score, best, why = scored[0]
        if not why:
            why.append(_prior_reason(best))
        if len(scored) > 1:
            why.append(f"{len(scored)} places share the name")
        return Place(
            start=m.start, end=m.end, text=m.text, name=best.name, country=best.country, admin1=best.admin1,
            feature=best.feature, lat=best.lat, lon=best.lon, geonameid=best.geonameid, rule=m.rule,
            reason="; ".join(why),
        )

    def __call__(self, doc: Doc) -> Doc:
        places = get_list(doc, "ng_places")
        places[:] = self._resolve(doc, self._recognise(doc))
        return doc


def _prior_reason(c: Candidate) -> str:
    if c.feature == "city":
        return f"most populous match ({c.population:,} people)"
    return f"{c.feature} by name"


__all__ = ["PlacesComponent", "make_places", "name_key"]
