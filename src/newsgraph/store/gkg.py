"""GDELT Global Knowledge Graph (GKG) 2.1 export: one tab-separated row of 27 fields per analysed article.

The column order, delimiters and sub-field orders are those of the GKG 2.1 codebook
(http://data.gdeltproject.org/documentation/GDELT-Global_Knowledge_Graph_Codebook-V2.1.pdf); what each column
holds, what is left empty and why, is in docs/README-gkg.md. Rows are built from records (``store.iter_records()``);
offsets are the record's character offsets into ``text``.

GDELT has no escape mechanism, so values are cleaned, never escaped: a tab, a line break or one of the delimiters
of the value's own field becomes a space (offsets and lengths keep pointing at the original text), XML special
characters in the Extras field are written as entities, and no field starts with a double quote (CSV readers such
as pandas would take it for a quoted field). Every row has exactly 27 fields and never ends with an empty one (the
Extras field always holds the record id), since some readers strip line ends before splitting.
"""

from __future__ import annotations

import io
import logging
import math
import re
import sys
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from newsgraph.records import Amount, ArticleRecord, Entity, Place
from newsgraph.store.duck import Store
from newsgraph.store.gdelt_geo import Geo, gdelt_geo, knowledge_rows

LOGGER = logging.getLogger(__name__)

#: the 27 columns of a GKG 2.1 record, in file order (no header line is written, as in GDELT's files)
GKG_COLUMNS: tuple[str, ...] = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME", "V2DOCUMENTIDENTIFIER",
    "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES", "V1LOCATIONS", "V2ENHANCEDLOCATIONS",
    "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS", "V2ENHANCEDORGANIZATIONS", "V1.5TONE",
    "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE", "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS",
    "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS", "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO",
    "V2EXTRASXML",
)

#: GDELT's source collection for web documents
WEB = "1"
#: what str.splitlines() breaks on, plus the tab: none of them may appear inside a field
BREAKS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: entities that are not names GDELT would list (common-noun actors: "Ukrainian forces", "their government")
NOT_NAMES = ("actor_np",)
#: labels whose entities are not proper names in GDELT's AllNames sense (demonyms: "Chinese")
NOT_ALLNAMES = frozenset({"NORP"})
#: pronouns, for the Self/Group Reference Density of V1.5TONE (percentage of words that are pronouns)
PRONOUNS = frozenset({
    "i", "me", "my", "mine", "myself", "we", "us", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
    "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they",
    "them", "their", "theirs", "themselves",
})
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_SPACES = re.compile(r" {2,}")
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_SENTENCE_END = re.compile(r"[.!?;\n]")
_CLAUSE_END = re.compile(r"[,.!?;:\n]")


# ---- cleaning -------------------------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _table(delims: str) -> dict[int, str]:
    return {ord(c): " " for c in BREAKS + delims}


def clean(value: str | None, delims: str = "") -> str:
    """A value with tabs, line breaks and ``delims`` replaced by spaces, runs of spaces collapsed, ends stripped."""
    if not value:
        return ""
    return _SPACES.sub(" ", value.translate(_table(delims))).strip()


def _name(value: str, delims: str = ";,") -> str:
    """A name for a name list: cleaned, without surrounding straight quotes (not part of the name)."""
    return clean(value, delims).strip("\"'").strip()


def _terminated(blocks: list[str]) -> str:
    """Blocks each followed by ';', as GDELT writes Counts, Themes and Amounts ("KILL#3#...;WOUND#5#...;")."""
    return "".join(b + ";" for b in blocks)


def _number(value: float) -> str:
    """A number as GDELT writes amounts: no thousands separators, no exponent."""
    if not math.isfinite(value):
        return "0"
    if value == int(value) and abs(value) < 1e18:
        return str(int(value))
    return f"{value:.6f}".rstrip("0").rstrip(".")


# ---- knowledge ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def theme_map() -> dict[str, str]:
    """newsgraph theme -> GDELT theme name (knowledge/gkg_themes.tsv); themes mapped to "" have no equivalent."""
    return {row[0].strip(): row[1].strip() for row in knowledge_rows("gkg_themes.tsv", ("newsgraph", "gdelt", "note"), required=1)}


def gkg_theme(theme: str) -> str:
    """The theme name the export writes: GDELT's where one maps, else NEWSGRAPH_<THEME>."""
    return theme_map().get(theme) or f"NEWSGRAPH_{theme}"


@lru_cache(maxsize=1)
def count_words() -> dict[str, tuple[str, str]]:
    """Lower-case word -> (GDELT count type, "any" or "after") from knowledge/gkg_counts.tsv."""
    out: dict[str, tuple[str, str]] = {}
    for row in knowledge_rows("gkg_counts.tsv", ("type", "word", "where"), required=2):
        out[row[1].lower()] = (row[0], row[2] or "any")
    return out


@lru_cache(maxsize=1)
def _theme_patterns() -> dict[str, list[re.Pattern[str]]]:
    """Theme -> regexes of its lexicon phrases, to find where an assigned theme is mentioned (V2Themes offsets).

    The themes component records which themes a document has, not where; the export finds the lexicon's phrases
    again in the text: "lower" entries as written, "lemma" entries with a plural or verb ending on each word.
    """
    from newsgraph.nlp.themes import read_lexicon  # the one reader of knowledge/themes.tsv

    out: dict[str, list[re.Pattern[str]]] = {}
    for entry in read_lexicon():
        words = entry.phrase.split()
        if entry.match == "lemma":
            parts = [_inflected(w) for w in words]
        else:
            parts = [re.escape(w) for w in words]
        out.setdefault(entry.theme, []).append(re.compile(r"\b" + r"\s+".join(parts) + r"\b", re.IGNORECASE))
    return out


def _inflected(lemma: str) -> str:
    """A regex for a lemma and its regular inflections: mercenary/mercenaries, capture/captured, war/wars."""
    if lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        return re.escape(lemma[:-1]) + r"(?:y|ies|ied|ying)"
    if lemma.endswith("e"):
        return re.escape(lemma[:-1]) + r"(?:e|es|ed|ing)"
    return re.escape(lemma) + r"(?:s|es|ed|ing)?"


def theme_offsets(theme: str, text: str) -> list[int]:
    """Start offsets of a theme's lexicon phrases in ``text`` (longest match first, no overlaps)."""
    spans = {(m.start(), m.end()) for pat in _theme_patterns().get(theme, []) for m in pat.finditer(text)}
    kept: list[tuple[int, int]] = []
    for s, e in sorted(spans, key=lambda x: (x[0] - x[1], x[0])):
        if all(e <= ks or s >= ke for ks, ke in kept):
            kept.append((s, e))
    return sorted(s for s, _ in kept)


# ---- fields ---------------------------------------------------------------------------------------------------


def _geo_located(place: Place) -> tuple[Geo, int] | None:
    geo = gdelt_geo(place)
    return None if geo is None else (geo, place.start)


def _loc_v1(geo: Geo) -> str:
    """Type#FullName#CountryCode#ADM1Code#Lat#Long#FeatureID (V1 has no ADM2)."""
    f = geo.fields()
    return "#".join([f[0], clean(f[1], ";#"), f[2], f[3], f[5], f[6], f[7]])


def _loc_v2(geo: Geo, offset: int) -> str:
    """Type#FullName#CountryCode#ADM1Code#ADM2Code#Lat#Long#FeatureID#CharOffset."""
    f = geo.fields()
    return "#".join([f[0], clean(f[1], ";#"), *f[2:], str(offset)])


def locations(record: ArticleRecord) -> tuple[str, str]:
    """V1Locations (each distinct place once) and V2EnhancedLocations (each mention, with its offset)."""
    v1: list[str] = []
    v2: list[str] = []
    for place in record.places:
        found = _geo_located(place)
        if found is None:
            continue
        geo, offset = found
        loc = _loc_v1(geo)
        if loc not in v1:
            v1.append(loc)
        v2.append(_loc_v2(geo, offset))
    return ";".join(v1), ";".join(v2)


def _words(text: str) -> list[str]:
    return [w.casefold().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(text)]


def name_mentions(entity: Entity) -> list[int]:
    """Offsets of the mentions that are the entity's name or part of it ("Lin Jian", "Kallas"), not pronouns
    or role nouns ("He", "the spokesperson")."""
    name = set(_words(entity.name))
    out: list[int] = []
    for m in entity.mentions:
        words = _words(m.text)
        if words and set(words) <= name and m.text.lstrip("\"'“‘(")[:1].isupper():
            out.append(m.start)
    return sorted(set(out))


def _named(record: ArticleRecord) -> list[Entity]:
    return [e for e in record.entities if not any(e.rule.startswith(r) for r in NOT_NAMES)]


def names(record: ArticleRecord, label: str) -> tuple[str, str]:
    """V1 list (each name once, lower-cased as GDELT writes it) and V2 "name,offset" list (each name mention, as
    written) of the entities of one label."""
    v1: list[str] = []
    v2: list[tuple[int, str]] = []
    for e in _named(record):
        if e.label != label:
            continue
        name = _name(e.name)
        offsets = name_mentions(e)
        if not name or not offsets:
            continue
        if name.lower() not in v1:
            v1.append(name.lower())
        v2 += [(o, name) for o in offsets]
    return ";".join(v1), ";".join(f"{n},{o}" for o, n in sorted(v2))


def all_names(record: ArticleRecord) -> str:
    """V2.1AllNames: every proper name with its offset: named entities (not demonyms), and resolved places the
    entities do not cover, as written."""
    found: dict[int, str] = {}
    for e in _named(record):
        if e.label in NOT_ALLNAMES:
            continue
        name = _name(e.name)
        for o in name_mentions(e):
            if name:
                found.setdefault(o, name)
    for p in record.places:
        if p.start not in found and p.text[:1].isupper():
            text = _name(p.text)
            if text:
                found[p.start] = text
    return ";".join(f"{n},{o}" for o, n in sorted(found.items()))


def themes(record: ArticleRecord) -> tuple[str, str]:
    """V1Themes (theme names) and V2EnhancedThemes ("THEME,offset" for each mention found in the text)."""
    v1 = [gkg_theme(t) for t in record.themes]
    v2: list[tuple[int, str]] = []
    for t in record.themes:
        v2 += [(o, gkg_theme(t)) for o in theme_offsets(t, record.text)]
    return _terminated([clean(t, ";,") for t in v1]), _terminated([f"{clean(t, ';,')},{o}" for o, t in sorted(v2)])


def _sentence(text: str, start: int, end: int, pattern: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    """The stretch around [start, end) up to the nearest ``pattern`` match on each side (400 characters back)."""
    before = [m.end() for m in pattern.finditer(text, max(0, start - 400), start)]
    after = pattern.search(text, end)
    return (before[-1] if before else max(0, start - 400)), (after.start() if after else len(text))


def _count_type(text: str, amounts: list[Amount], i: int) -> str | None:
    """The GDELT count type of ``amounts[i]`` from the count words around it, or None.

    The words looked at are those of the amount's clause (up to a comma, semicolon, colon or sentence end): the
    8 after it up to the next amount, then the 3 before it back to the previous amount. A word of the after
    window that stands right before the next amount is that amount's ("rescued 190 passengers and killed 30":
    "killed" is not the 190's). Words marked "after" in the knowledge file (nouns: "hostages", "refugees") count
    only after the number, and only when no other count word is near ("8 demonstrators were killed" is KILL).
    """
    words = count_words()
    a = amounts[i]
    c0, c1 = _sentence(text, a.start, a.end, _CLAUSE_END)
    nxt = amounts[i + 1].start if i + 1 < len(amounts) else len(text)
    prv = amounts[i - 1].end if i > 0 else 0
    between = _WORD.findall(text[a.end : min(c1, nxt)])
    if nxt < c1:  # the next amount is in the clause: the word right before it is its own ("and killed 30")
        between = between[:-1]
    after = [words[w.lower()] for w in between[:8] if w.lower() in words]
    before = [words[w.lower()] for w in _WORD.findall(text[max(c0, prv) : a.start])[-3:] if w.lower() in words]
    # a verb after the number, then one before it, then a noun after it: "8 demonstrators were killed" is KILL
    for kind, where in (*after, *reversed(before)):
        if where != "after":
            return kind
    for kind, _ in after:
        return kind
    return None


def counts(record: ArticleRecord) -> tuple[str, str]:
    """V1Counts and V2.1Counts: counted amounts with a count word nearby (knowledge/gkg_counts.tsv).

    Type#Count#ObjectType#LocType#LocFullName#LocCountryCode#LocADM1Code#LocLat#LocLong#LocFeatureID (V2.1 adds
    #CharOffset). The location is the nearest resolved place in the count's sentence, if any.
    """
    v1: list[str] = []
    v2: list[str] = []
    ordered = sorted(record.amounts, key=lambda a: (a.start, a.end))
    for i, a in enumerate(ordered):
        if a.kind != "count" or not a.object:
            continue
        kind = _count_type(record.text, ordered, i)
        if kind is None:
            continue
        s0, s1 = _sentence(record.text, a.start, a.end)
        near = [p for p in record.places if s0 <= p.start < s1 and gdelt_geo(p) is not None]
        geo = gdelt_geo(min(near, key=lambda p: abs(p.start - a.start))) if near else None
        if geo is None:
            loc = ["0", "", "", "", "", "", ""]
        else:
            f = geo.fields()
            loc = [f[0], clean(f[1], ";#"), f[2], f[3], f[5], f[6], f[7]]
        row = "#".join([kind, _number(a.value), clean(a.object, ";#"), *loc])
        v1.append(row)
        v2.append(f"{row}#{a.start}")
    return _terminated(v1), _terminated(v2)


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def tone(record: ArticleRecord) -> str:
    """V1.5Tone: Tone, Positive, Negative, Polarity, ActivityReferenceDensity (0: not computed),
    SelfGroupReferenceDensity (percentage of words that are pronouns), WordCount."""
    words = [w.lower() for w in _WORD.findall(record.text)]
    n = len(words)
    pronouns = 100.0 * sum(w in PRONOUNS for w in words) / n if n else 0.0
    t = record.tone
    return ",".join([f"{t.score:.4f}", f"{t.positive:.4f}", f"{t.negative:.4f}", f"{t.polarity:.4f}", "0",
                     f"{pronouns:.4f}", str(n)])


def dates(record: ArticleRecord) -> str:
    """V2.1EnhancedDates: Resolution#Month#Day#Year#Offset (1 year, 2 month and year, 3 full date); dates whose
    value is not a calendar date (weeks, "PRESENT_REF", durations) are left out."""
    out: list[str] = []
    for d in record.dates:
        m = _DATE.match(d.value or "")
        if not m:
            continue
        year, month, day = m.group(1), m.group(2), m.group(3)
        res = 3 if day else 2 if month else 1
        out.append(f"{res}#{int(month or 0)}#{int(day or 0)}#{int(year)}#{d.start}")
    return ";".join(out)


def quotations(record: ArticleRecord) -> str:
    """V2.1Quotations: Offset|Length|Verb|Quote blocks joined by '#': every quote, whatever its confidence (an export
    keeps what the store holds; min_quote_confidence is for the pages and /api/quotes)."""
    return "#".join(
        f"{q.start}|{q.end - q.start}|{clean(q.cue.text if q.cue else '', '|#')}|{clean(q.text, '|#')}"
        for q in record.quotes
    )


def amounts(record: ArticleRecord) -> str:
    """V2.1Amounts: Amount,Object,Offset (the number without thousands separators; the object, else the unit)."""
    return _terminated([f"{_number(a.value)},{clean(a.object or a.unit or '', ';,')},{a.start}" for a in record.amounts])


# ---- Extras ---------------------------------------------------------------------------------------------------

#: an Extras element: (tag, function of the record and the store giving its text; "" leaves the element out)
ExtraFn = Callable[[ArticleRecord, "Store | None"], str]


def _pub_timestamp(record: ArticleRecord, store: Store | None) -> str:
    return (record.published or "").replace("-", "")[:8] + "000000" if record.published else ""


def _speakers(record: ArticleRecord, store: Store | None) -> str:
    """QuoteOffset|SpeakerOffset|SpeakerLength|Speaker blocks joined by '#': who said each quote (the names of the
    entities the speaker mention resolves to, ';'-joined, else the mention as written), keyed by the quote's
    offset in V2.1Quotations."""
    ents = {e.id: e for e in record.entities}
    out: list[str] = []
    for q in record.quotes:
        sp = q.speaker
        if sp is None:
            continue
        ids = sp.entities or ([sp.entity] if sp.entity else [])
        resolved = [ents[i].name for i in ids if i in ents]
        name = ";".join(resolved) if resolved else sp.text
        out.append(f"{q.start}|{sp.start}|{sp.end - sp.start}|{clean(name, '|#')}")
    return "#".join(out)


#: the Extras elements, in order. GDELT's own first, then newsgraph's (NEWSGRAPH_*). Claims, once the claims
#: table exists, are one more line: ("NEWSGRAPH_CLAIMS", <function of (record, store) giving the claim ids>).
EXTRAS: list[tuple[str, ExtraFn]] = [
    ("PAGE_TITLE", lambda r, s: r.title or ""),
    ("PAGE_PRECISEPUBTIMESTAMP", _pub_timestamp),
    ("NEWSGRAPH_ID", lambda r, s: r.id),
    ("NEWSGRAPH_SPEAKERS", _speakers),
]


def extras(record: ArticleRecord, store: Store | None = None) -> str:
    parts: list[str] = []
    for tag, fn in EXTRAS:
        value = clean(fn(record, store))
        if value:
            parts.append(f"<{tag}>{xml_escape(value)}</{tag}>")
    return "".join(parts)


# ---- rows -----------------------------------------------------------------------------------------------------


def _source_name(record: ArticleRecord) -> str:
    if record.url:
        host = urlsplit(record.url).hostname or ""
        if host:
            return host.removeprefix("www.")
    return record.source or ""


def gkg_date(record: ArticleRecord, now: datetime) -> str:
    """V2.1DATE (YYYYMMDDHHMMSS): the publication date (time unknown: 000000), else the export's time (UTC)."""
    if record.published and len(record.published) >= 10:
        return record.published[:10].replace("-", "") + "000000"
    return now.strftime("%Y%m%d%H%M%S")


def gkg_row(record: ArticleRecord, seq: int, date: str, store: Store | None = None) -> list[str]:
    """The 27 fields of one record's GKG row (``seq``: its number among the rows of the same ``date``)."""
    c1, c2 = counts(record)
    t1, t2 = themes(record)
    l1, l2 = locations(record)
    p1, p2 = names(record, "PERSON")
    o1, o2 = names(record, "ORG")
    row = [
        f"{date}-{seq}", date, WEB, clean(_source_name(record)), clean(record.url or record.id),
        c1, c2, t1, t2, l1, l2, p1, p2, o1, o2, tone(record), dates(record),
        f"wc:{word_count(record.text)}",
        "", "", "", "",  # sharing image, related images, social image and video embeds: newsgraph keeps no images
        quotations(record), all_names(record), amounts(record),
        "",  # translation info: newsgraph does not translate
        extras(record, store),
    ]
    return safe_fields(row)


def safe_fields(row: list[str]) -> list[str]:
    """Fields as a tab-separated line may hold them: no tab or line break, and no leading double quote (pandas'
    read_csv would start a quoted field there and read past the tabs); that quote becomes an apostrophe."""
    out = [clean(f) for f in row]
    return [("'" + f[1:]) if f.startswith('"') else f for f in out]


def gkg_rows(records: Iterator[ArticleRecord] | list[ArticleRecord], store: Store | None = None,
             now: datetime | None = None) -> Iterator[list[str]]:
    """GKG rows for analysed records (skipped ones have nothing to say), numbered per V2.1DATE."""
    now = now or datetime.now(UTC)
    seqs: dict[str, int] = {}
    for record in records:
        if record.status != "analyzed":
            continue
        date = gkg_date(record, now)
        seqs[date] = seqs.get(date, 0) + 1
        yield gkg_row(record, seqs[date], date, store)


@contextmanager
def _open(out: Path | None) -> Iterator[IO[str]]:
    """stdout, a text file, or, for a name ending in .zip, a zip archive with one member (the name less .zip),
    as GDELT ships its files (``20250410000000.gkg.csv.zip`` holds ``20250410000000.gkg.csv``)."""
    if out is None:
        yield sys.stdout
    elif out.suffix.lower() == ".zip":
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf, zf.open(out.stem, "w") as raw, \
                io.TextIOWrapper(raw, encoding="utf-8", newline="") as fh:
            yield fh
    else:
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh


def export_gdelt_gkg(store: Store, out: Path | None) -> str:
    n = 0
    with _open(out) as fh:
        for row in gkg_rows(store.iter_records(), store):
            fh.write("\t".join(row) + "\n")
            n += 1
    return f"{n} GDELT GKG 2.1 rows ({len(GKG_COLUMNS)} fields, no header) written to {out or 'stdout'}"
