"""Recognition: which spans of a document are place names, and by which rule.

In order of trust: the place-like entities of ``doc._.ng_entities`` and spaCy's GPE/LOC/FAC entities;
ORG/PERSON spans whose whole text is a country or region; the dateline; places inside organisation names;
gazetteer matches the model missed (capitalised word runs that are a country or region anywhere, or a town after
a locative word or before a qualifier). Multiword toponyms are kept whole; demonyms are never places.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.strings import StringStore
from spacy.tokens import Doc

from newsgraph.gazetteer import Gazetteer
from newsgraph.nlp.annotations import EntityAnn, get_list
from newsgraph.nlp.places.document import Mention
from newsgraph.nlp.places.qualifiers import CAPS_DATELINE, DATELINE, QUALIFIER, qualifier
from newsgraph.nlp.places.tokens import Tokens, prev_word, token_at
from newsgraph.nlp.places.words import (
    COMMON_WORDS,
    CONNECTORS,
    DEMONYM,
    FACILITY_HEADS,
    LOCATIVE,
    NAME_HEADS,
    NAME_PREFIXES,
    NEWS_FEATURES,
    REGION_WORDS,
    SAINT,
    SITE_HEADS,
    common_words,
)

_CACHE_SIZE = 100_000
#: entity labels that may be a place the model misread: organisations, people, products ("in Winnipeg"), groups
#: ("the Punjab province")
RELABELLED = ("ORG", "PERSON", "PRODUCT", "NORP")
#: the least population of a town named by a dateline in capitals
DATELINE_MIN_TOWN = 10_000


@dataclass(slots=True)
class _Spans:
    """The spans one document's recognition found, and what covers each character: 1 inside a place mention,
    2 inside a person, demonym or organisation."""

    cover: bytearray
    found: dict[tuple[int, int], tuple[str, str]] = field(default_factory=dict)  # (start, end) -> (rule, label)

    def add(self, start: int, end: int, rule: str, label: str) -> None:
        self.found[(start, end)] = (rule, label)
        self.cover[start:end] = b"\x01" * (end - start)


class Recogniser:
    """Finds the place mentions of a document. Between documents it keeps only its settings and caches of
    answers that depend on a name alone."""

    def __init__(self, strings: StringStore, gazetteer: Gazetteer, labels: set[str], min_town_population: int) -> None:
        self.gaz = gazetteer
        self.labels = labels
        self.min_town_population = min_town_population
        self._strings = strings
        self._connectors = {strings.add(w) for w in CONNECTORS}
        self._locative = {strings.add(w) for w in LOCATIVE}
        self._common = {strings.add(w) for w in COMMON_WORDS}
        self._common_or_region = self._common | {strings.add(w) for w in REGION_WORDS}
        self._the = strings.add("the")
        self._joiners = {strings.add(w) for w in ("of", "the", "and")}
        # per name: _relabel's answers (not after, after a locative word); _gazetteer_match's name-only part
        self._relabel_cache: dict[tuple[str, str, bool], tuple[tuple[str, str] | None, tuple[str, str] | None]] = {}
        self._match_cache: dict[tuple[str, bool], str | tuple[bool, bool] | None] = {}
        self._embedded_cache: dict[tuple[str, tuple[int, ...], tuple[int, ...]], list[tuple[int, int]]] = {}

    def recognise(self, doc: Doc, toks: Tokens) -> list[Mention]:
        spans = _Spans(bytearray(len(toks.text)))
        anns = get_list(doc, "ng_entities")
        place_names = self._place_names(anns)
        orgs = self._entities(anns, toks, spans, place_names)
        self._datelines(toks.text, spans)
        self._inside_names(toks, spans, orgs, place_names)
        self._gazetteer_runs(toks, spans)
        return self._settle(doc, toks.text, toks, spans.found)

    def _place_names(self, anns: list[EntityAnn]) -> set[str]:
        """One sense per article: the names the article's place entities have more often than its person or
        organisation entities ("Douma" tagged GPE twice and PERSON once is one town; not "Noma", a woman's name
        tagged GPE once, nor the common word "Centre"), when the gazetteer knows them."""
        senses: dict[str, int] = {}
        for ann in anns:
            if ann.label in ("GPE", "LOC", "ORG", "PERSON"):
                vote = 1 if ann.label in ("GPE", "LOC") else -1
                senses[ann.name] = senses.get(ann.name, 0) + vote * len(ann.mentions)
        return {name for name, vote in senses.items()
                if vote > 0 and name.lower() not in COMMON_WORDS and self.gaz.has(name)}

    def _entities(self, anns: list[EntityAnn], toks: Tokens, spans: _Spans,
                  place_names: set[str]) -> list[tuple[int, int]]:
        """The place entities of ``doc._.ng_entities`` and spaCy's, and those relabelled as places; returns the
        organisations left, where places inside are sought."""
        text, add, cover = toks.text, spans.add, spans.cover
        orgs: list[tuple[int, int]] = []
        for ann in anns:
            for start, end in ann.mentions:
                if ann.label in self.labels:
                    if not _bad_place_head(text[start:end], ann.rule):
                        add(start, end, ann.rule, ann.label)
                    continue
                if ann.label in ("ORG", "PERSON") and ann.name in place_names and text[start:end] == ann.name:
                    add(start, end, f"same_name_as_place:{ann.label}", "GPE")
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
        return orgs

    def _datelines(self, text: str, spans: _Spans) -> None:
        """The dateline, often in capitals the model does not tag ("KYIV, Ukraine —", "BEIRUT (AP) —"), and
        datelines in capitals opening any paragraph ("TORONTO — ", "SAN ANTONIO Turner Sports ..."), tagged as
        organisations or not at all by the model: a country, region, county or town of DATELINE_MIN_TOWN people."""
        cover = spans.cover
        line = DATELINE.match(text, 0, min(len(text), 120))
        if line:
            for group in (1, 2):
                start, end = line.span(group)
                if start >= 0 and not cover.count(0, start, end) < end - start and any(
                        c.feature in ("country", "admin1", "city") for c, main in self.gaz.lookup(text[start:end]) if main):
                    spans.add(start, end, "dateline", "GPE")
        for found_line in CAPS_DATELINE.finditer(text):
            start, end = found_line.span(1)
            if b"\x01" not in cover[start:end] and self._dateline_place(text[start:end]):
                spans.add(start, end, "dateline", "GPE")

    def _inside_names(self, toks: Tokens, spans: _Spans, orgs: list[tuple[int, int]], place_names: set[str]) -> None:
        """Places inside organisation names ("Toronto Police", "Trade Promotion Organization of Iran"), and the
        article's own place names inside organisation names whatever their size ("Beverly Hills Police
        Department" in a story that names Beverly Hills; never inside a person's name, "Aden Barre Duale")."""
        text = toks.text
        for start, end in orgs:
            # the tokens of doc.char_span(start, end, alignment_mode="expand"), found in the offsets
            first, last = token_at(toks.starts, len(text), start), token_at(toks.starts, len(text), end - 1)
            if first < 0 or last < 0:
                continue
            if start == toks.ends[first]:  # in the space after a token: not that token
                first += 1
            for sub_start, sub_end in self._embedded_cached(text, toks, first, last + 1):
                spans.add(sub_start, sub_end, "embedded_in_org", "GPE")
        if place_names:
            for start, end in orgs:
                for sub_start, sub_end in _names_inside(text, start, end, place_names):
                    if b"\x01" not in spans.cover[sub_start:sub_end]:
                        spans.add(sub_start, sub_end, "embedded_in_org:named_in_article", "GPE")

    def _gazetteer_runs(self, toks: Tokens, spans: _Spans) -> None:
        """Gazetteer matches the model missed, among the capitalised word runs nothing else covers."""
        text, starts, ends, cover = toks.text, toks.starts, toks.ends, spans.cover
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
                    spans.add(start, end, rule, "")

    def _settle(self, doc: Doc, text: str, toks: Tokens, found: dict[tuple[int, int], tuple[str, str]]) -> list[Mention]:
        """The mentions of the spans found: people's first names dropped, multiword names kept whole, the
        longest of overlapping spans kept, demonyms dropped."""
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
        mentions = [Mention(start, end, text[start:end], *found[(start, end)]) for start, end in out]
        # names of the article's people and organisations ("Leyen" of Ursula von der Leyen, "Nvidia",
        # "Truth Social"): kept as mentions, but never placed at the article's main town
        names = {n for ann in get_list(doc, "ng_entities") if ann.label in ("PERSON", "ORG")
                 for n in (ann.name, *(text[s:e] for s, e in ann.mentions))}
        for m in mentions:
            head = m.text.rsplit(None, 1)[-1].lower()
            m.entity_name = (m.text in names or m.text in person_words) and head not in SITE_HEADS
        return [m for m in mentions if not self._is_demonym(m)]

    def _widen(self, text: str, toks: Tokens, start: int, end: int) -> tuple[int, int]:
        """A mention grown by the capitalised word before or after it when that word belongs to the name: a
        feature word ("Lake", "Mount", "Fort", "County", "Township") or a word with which the whole is a
        gazetteer name ("Twin" + "Lakes"). Person and organisation spans are never entered."""
        n = len(text)
        first, last = token_at(toks.starts, n, start), token_at(toks.starts, n, end - 1)
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
        start, end, first, last = self._hyphenated(text, toks, start, end, first, last)
        return self._join(text, toks, start, end, last)

    def _hyphenated(self, text: str, toks: Tokens, start: int, end: int, first: int, last: int
                    ) -> tuple[int, int, int, int]:
        """A mention grown over a hyphen written without spaces when the whole is a country, region or town the
        gazetteer knows by its main name: "Guinea" + "-Bissau" is Guinea-Bissau, not Guinea; "Bissau" after
        "Guinea-" likewise. Other hyphenated words ("Kyiv-based") stay as they are."""
        starts, ends, n = toks.starts, toks.ends, len(toks.starts)
        if (last + 2 < n and text[starts[last + 1]:ends[last + 1]] == "-" and ends[last] == starts[last + 1]
                and ends[last + 1] == starts[last + 2] and toks.title[last + 2]
                and self._whole(text[start:ends[last + 2]], countries=True)):
            last += 2
            end = ends[last]
        if (first >= 2 and text[starts[first - 1]:ends[first - 1]] == "-" and ends[first - 1] == starts[first]
                and ends[first - 2] == starts[first - 1] and toks.title[first - 2]
                and self._whole(text[starts[first - 2]:end], countries=True)):
            first -= 2
            start = starts[first]
        return start, end, first, last

    def _join(self, text: str, toks: Tokens, start: int, end: int, last: int) -> tuple[int, int]:
        """A mention grown over "of", "the", "and" and the capitalised words after them when the whole is a
        country or region the gazetteer knows by its main name: "Democratic Republic of the" + "Congo", tagged
        apart by the model, is one country."""
        lower, title, n = toks.lower, toks.title, len(toks.starts)
        j = last + 1
        while j < n and j <= last + 2 and lower[j] in self._joiners:
            j += 1
        if j == last + 1 and lower[last] not in self._joiners:
            return start, end  # nothing joins the mention to the next word
        for k in (j + 1, j):  # one or two capitalised words, the longer first
            if k < n and all(title[i] for i in range(j, k + 1)):
                name = text[start : toks.ends[k]]
                if any(main and c.feature in ("country", "admin1", "region", "water", "landform", "continent")
                       for c, main in self.gaz.lookup(name)):
                    return start, toks.ends[k]
        return start, end

    def _whole(self, name: str, countries: bool = False) -> bool:
        """A name the gazetteer knows as a town, county or region (or, with ``countries``, a country) by its
        main name."""
        features = ("city", "admin2", "admin1", "region", "water", "landform") + (("country",) if countries else ())
        return any(main and c.feature in features for c, main in self.gaz.lookup(name))

    def _relabel(self, text: str, start: int, end: int, label: str, canonical: str) -> tuple[str, str] | None:
        """An ORG, PERSON, PRODUCT or NORP span that is a place: (rule, label), or None (``_relabel_name``). The answer
        depends on the name, the label, whether the name is the entity's canonical name and whether a
        locative word comes before it: cached per name for both cases of the last."""
        if label not in RELABELLED:
            return None
        name = text[start:end]
        key = (label, name, canonical == name)
        plan = self._relabel_cache.get(key)
        if plan is None:
            plan = (self._relabel_name(name, label, key[2], False), self._relabel_name(name, label, key[2], True))
            if len(self._relabel_cache) >= _CACHE_SIZE:
                self._relabel_cache.clear()
            self._relabel_cache[key] = plan
        if plan[0] == plan[1]:
            return plan[0]
        prev = prev_word(text, start)
        return plan[1] if prev in LOCATIVE and prev not in ("and", "of") else plan[0]

    def _relabel_name(self, name: str, label: str, canonical: bool, locative: bool) -> tuple[str, str] | None:
        """An ORG, PERSON, PRODUCT or NORP span that is a place: (rule, label), or None.

        PRODUCT: as ORG, after a locative word only ("located in Winnipeg"). NORP: a country or first-level region
        by its main name that does not end like a demonym ("the Punjab province", not "Georgian").

        ORG: a country or region by its main name ("Ukraine" tagged ORG), a town of 20,000 or more with no
        organisation word, or a facility ("Colchester General Hospital" -> a site). PERSON: a country or news
        region, a first-level region of two words or more ("Tamil Nadu"), or a large town never named as part of
        a longer person name; after "in"/"near"/... any town.
        """
        words = name.split()
        if not words or (name.isupper() and len(name) > 4):
            return None
        if label == "NORP":  # "the Punjab province": a region by its main name, never a demonym ("Georgian")
            if DEMONYM.search(name.lower()) or name.lower() in COMMON_WORDS:
                return None
            if any(main and c.feature in ("country", "admin1", "region") for c, main in self.gaz.lookup(name)):
                return "mislabel:NORP", "GPE"
            return None
        if label == "PRODUCT":  # "located in Winnipeg": only after a locative word, as an organisation would be
            found = self._relabel_name(name, "ORG", canonical, locative) if locative else None
            return ("mislabel:PRODUCT", found[1]) if found and found[0] == "mislabel:ORG" else None
        if label == "ORG" and words[-1].lower() in FACILITY_HEADS and len(words) > 1:
            return "org_facility", "FAC"
        if len(words) == 1 and words[0].lower() in COMMON_WORDS:
            return None
        cands = [c for c, main in self.gaz.lookup(name) if main]
        if SAINT.match(name):  # "St Patrick's" the person or church, not a parish of Dominica
            cands = [c for c in cands if c.feature != "admin1"]
        if not cands:
            return None
        big = max((c.population for c in cands if c.feature == "city"), default=0)
        if name.isupper():  # "UN", "NATO", "OAS" are towns somewhere; "US", "UAE" are countries
            big = 0
        if label == "ORG":
            if any(c.feature in ("country", "region", "water", "landform", "continent") for c in cands):
                return "mislabel:ORG", "GPE"
            if (not name.isupper() or self.gaz.is_alias(name)) and any(c.feature == "admin1" for c in cands):
                return "mislabel:ORG", "GPE"  # "Queensland"; in capitals only an abbreviation the press uses, "NSW"
            if big >= 20_000 or (locative and big >= self.min_town_population):
                return "mislabel:ORG", "GPE"
            return None
        if any(c.feature in ("country", "region", "water", "landform", "continent") for c in cands):
            return "mislabel:PERSON", "GPE"
        if len(words) > 1 and any(c.feature == "admin1" for c in cands):
            return "mislabel:PERSON", "GPE"  # "Tamil Nadu said": a region of two words or more is rarely a person
        if locative and (big >= self.min_town_population or any(c.feature == "admin1" for c in cands)):
            return "mislabel:PERSON", "GPE"
        if big >= 100_000 and canonical:
            return "mislabel:PERSON", "GPE"
        return None

    def _embedded_cached(self, text: str, toks: Tokens, first: int, last: int) -> list[tuple[int, int]]:
        """``_embedded``, cached per organisation name and its tokenisation."""
        if first >= last:
            return []
        base, end = toks.starts[first], toks.ends[last - 1]
        key = (text[base:end], tuple(x - base for x in toks.starts[first:last]),
               tuple(x - base for x in toks.ends[first:last]))
        found = self._embedded_cache.get(key)
        if found is None:
            found = [(s - base, e - base) for s, e in self._embedded(text, toks, first, last)]
            if len(self._embedded_cache) >= _CACHE_SIZE:
                self._embedded_cache.clear()
            self._embedded_cache[key] = found
        return [(base + s, base + e) for s, e in found]

    def _embedded(self, text: str, toks: Tokens, first: int, last: int):  # type: ignore[no-untyped-def]
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
                if sub.isupper() and sum(ch.isalpha() for ch in sub) > 3:
                    continue  # headline capitals, but "U.S." in "the U.S. Centers for Disease Control" counts
                cands = [c for c, main in self.gaz.lookup(sub) if main]
                if common_words(sub.split()):  # "Centre"; "Central District" in "Seoul Central District Court"
                    cands = [c for c in cands if c.feature in NEWS_FEATURES]
                if sub.isupper():  # "SAN ANTONIO": headline capitals; only "US", "UK", "EU" and the like
                    cands = [c for c in cands if c.feature in ("country", "region")]
                if SAINT.match(sub):  # "University of St. Thomas" is not a Jamaican parish
                    cands = [c for c in cands if c.feature != "admin1"]
                if any(c.feature in ("country", "admin1", "region", "continent")
                       or (c.feature == "city" and c.population >= 100_000) for c in cands):
                    yield starts[i], ends[j - 1]
                    i = j - 1
                    break
            i += 1

    def _dateline_place(self, name: str) -> bool:
        """A name in capitals opening a paragraph that the gazetteer knows as a country, region, county or town
        of DATELINE_MIN_TOWN people by its main name ("HORRY COUNTY, S.C."; "UPDATE", "MAY" are not datelines)."""
        if name.lower() in COMMON_WORDS:
            return False
        return any(main and (c.feature in ("country", "admin1", "admin2") or (
            c.feature == "city" and c.population >= DATELINE_MIN_TOWN)) for c, main in self.gaz.lookup(name))

    def _runs(self, toks: Tokens):  # type: ignore[no-untyped-def]
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

    def _gazetteer_match(self, text: str, toks: Tokens, s_tok: int, e_tok: int, start: int, end: int) -> str | None:
        """A capitalised run the model did not tag: a place when the gazetteer and the context agree."""
        # a run of common and region words only ("Central District", "South"): a region somewhere, a phrase here
        common = (e_tok - s_tok == 1 and toks.lower[s_tok] in self._common) or all(
            toks.lower[t] in self._common_or_region for t in range(s_tok, e_tok))
        key = (text[start:end], common)
        if key in self._match_cache:
            kind = self._match_cache[key]
        else:
            kind = self._match_kind(*key)
            if len(self._match_cache) >= _CACHE_SIZE:
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
        if towns and QUALIFIER.match(text, end) and qualifier(self.gaz, text, end):
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

    def _is_demonym(self, m: Mention) -> bool:
        if " " in m.text or self.gaz.has(m.text):
            return False
        return bool(DEMONYM.search(m.text.lower())) and m.label != "FAC"


def _names_inside(text: str, start: int, end: int, names: set[str]) -> list[tuple[int, int]]:
    """Where the names occur as whole words in ``text[start:end]`` (longest first, no overlaps)."""
    span = text[start:end]
    out: list[tuple[int, int]] = []
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= len(span):
            continue
        at = span.find(name)
        while at >= 0:
            a, b = start + at, start + at + len(name)
            whole = (a == start or not text[a - 1].isalnum()) and (b == end or not text[b].isalnum())
            if whole and not any(x < b and a < y for x, y in out):
                out.append((a, b))
            at = span.find(name, at + 1)
    return out


def _bad_place_head(name: str, rule: str) -> bool:
    """"European Investment Bank" made a place by its last word: only region words count."""
    if "place_head" not in rule:
        return False
    return name.rsplit(maxsplit=1)[-1].lower() not in REGION_WORDS
