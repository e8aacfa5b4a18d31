"""``newsgraph_entities_v1``: named entities made canonical within a document.

spaCy's NER gives mention spans; this component cleans them (titles, possessives and articles stripped, role
words kept), fixes known mislabels ("Donetsk Oblast" tagged ORG is a place), adds organisations the small model
splits ("Chinese Foreign Ministry" tagged as NORP "Chinese"), and clusters mentions into one entity per
referent: "Spokesperson Lin Jian", "Lin Jian" and a later "Jian" are one entity "Lin Jian" with the role
"spokesperson"; "Kallas" joins "Kaja Kallas"; "European Union" and "EU" are one entity when the text pairs them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span

from newsgraph.nlp.annotations import EntityAnn, get_list, register_extensions
from newsgraph.nlp.speakers import vocabulary

KEEP_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")

_VOCAB = vocabulary()  # knowledge/roles.tsv, shared with quotes and events (newsgraph.nlp.speakers)
#: role and title words stripped from the front of a name and kept as the entity's role (use "title")
TITLES = set(_VOCAB.uses["title"])
#: the words among TITLES that name a role (use "role"; the rest are qualifiers such as "foreign", "vice")
ROLE_WORDS = set(_VOCAB.uses["role"])
#: a role word -> the role stored on the entity ("spokesman" -> "spokesperson")
ROLE_ALIASES = dict(_VOCAB.aliases)
#: last words that make a span a place, whatever label the model gave it
PLACE_HEADS = {
    "oblast", "province", "region", "county", "governorate", "district", "prefecture", "krai", "state",
    "territory", "canton", "municipality", "raion", "valley", "peninsula", "strip", "bank", "island", "islands",
}
#: head words that make "<NORP/GPE> ... <head>" an organisation ("Chinese Foreign Ministry")
ORG_HEADS = {
    "ministry", "army", "navy", "government", "parliament", "police", "embassy", "council", "committee",
    "agency", "party", "court", "forces", "guard", "commission", "office", "department", "service",
    "services", "senate", "congress", "assembly", "administration", "cabinet",
}
#: "<word> of <name>" is an office's title, not a mention of the name as an actor ("Secretary of State Marco Rubio":
#: "State" is no organisation; "Secretary-General of the United Nations" still names the UN)
PORTFOLIO_OF = {"secretary", "secretaries", "undersecretary", "under-secretary"}
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_PUNCT_EDGES = " \t\n\"'“”‘’«»()[]{},.;:!?-–—"


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    name: str
    label: str
    roles: list[str]
    rule: str


def _strip(span: Span, text: str) -> tuple[int, int, list[str]] | None:
    """Token-level cleanup: drop leading articles and titles (keeping roles) and a trailing possessive."""
    tokens = list(span)
    roles: list[str] = []
    while tokens and tokens[0].lower_ in {"the", "a", "an"}:
        tokens.pop(0)
    # strip leading titles only for people: "Spokesperson Lin Jian" -> "Lin Jian"
    if span.label_ == "PERSON":
        while len(tokens) > 1 and tokens[0].lower_ in TITLES:
            word = tokens.pop(0).lower_
            if word in ROLE_WORDS:
                roles.append(ROLE_ALIASES.get(word, word))
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].text in {"'s", "’s", "'", "’"}):
        tokens.pop()
    while tokens and tokens[-1].is_punct:
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    name = text[start:end]
    m = _POSSESSIVE.search(name)
    if m and len(name) > 2:
        end -= len(m.group(0))
    return start, end, roles


def _preceding_roles(span: Span) -> list[str]:
    """Role words just before a name: "Ukrainian President Volodymyr Zelenskyy" -> ["president"]."""
    roles: list[str] = []
    i = span.start - 1
    doc = span.doc
    while i >= 0 and i >= span.start - 4:
        word = doc[i].lower_
        if word in ROLE_WORDS:
            roles.append(ROLE_ALIASES.get(word, word))
        elif word not in TITLES and doc[i].ent_type_ not in ("NORP", "GPE", "ORG") and not doc[i].is_title:
            break
        i -= 1
    return roles


def _appositive_roles(span: Span) -> list[str]:
    """"the EU's chief diplomat, Kaja Kallas" / "Kaja Kallas, the EU's chief diplomat" -> ["diplomat"]."""
    root = span.root
    roles: list[str] = []
    linked = [root.head] if root.dep_ == "appos" else []
    linked += [t for t in root.children if t.dep_ == "appos"]
    for tok in linked:
        if tok.lower_ in ROLE_WORDS and not (span.start <= tok.i < span.end):
            roles.append(ROLE_ALIASES.get(tok.lower_, tok.lower_))
    return roles


def _org_extension(doc: Doc, span: Span) -> Span | None:
    """"Chinese" + "Foreign Ministry" -> ORG "Chinese Foreign Ministry" when the model stopped at the NORP."""
    end = span.end
    while end < len(doc) and doc[end].is_title and not doc[end].ent_type_ and doc[end].lower_ not in TITLES - {
        "foreign", "defense", "defence", "interior", "finance", "state"
    }:
        end += 1
    if end > span.end and doc[end - 1].lower_ in ORG_HEADS:
        return Span(doc, span.start, end, label="ORG")
    return None


def _is_portfolio(span: Span) -> bool:
    """An organisation or place named as an office's portfolio: "Secretary of State", "Secretary of the Treasury"."""
    i = span.start - 1
    doc = span.doc
    return (span.label_ in ("ORG", "GPE", "LOC") and i >= 1 and doc[i].lower_ == "of"
            and doc[i - 1].lower_ in PORTFOLIO_OF)


def _initial_mentions(doc: Doc) -> list[_Mention]:
    out: list[_Mention] = []
    text = doc.text  # built once: Doc.text joins every token on each access
    for ent in doc.ents:
        if ent.label_ not in KEEP_LABELS or _is_portfolio(ent):
            continue
        span, rule = ent, "ner"
        if ent.label_ in ("NORP", "GPE"):
            ext = _org_extension(doc, ent)
            if ext is not None:
                span, rule = ext, "ner+org_extension"
        cleaned = _strip(span, text)
        if cleaned is None:
            continue
        start, end, roles = cleaned
        label = span.label_
        words = text[start:end].split()
        last = words[-1].lower() if words else ""
        if label in ("ORG", "PERSON", "NORP") and last in PLACE_HEADS and len(words) > 1:
            label, rule = "GPE", rule + "+place_head"
        if label == "PERSON":
            for r in _preceding_roles(span) + (_appositive_roles(span) if doc.has_annotation("DEP") else []):
                if r not in roles:
                    roles.append(r)
        name = " ".join(words)
        if not name or not any(ch.isalpha() for ch in name):
            continue
        out.append(_Mention(start, end, name, label, roles, rule))
    return out


def _key(name: str) -> str:
    return name.lower().replace("’", "'").replace(".", "")


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def cluster_mentions(mentions: list[_Mention]) -> list[EntityAnn]:
    """Group mentions into entities: same name, a person's partial name, an acronym the text introduced."""
    clusters: list[EntityAnn] = []
    by_key: dict[tuple[str, str], EntityAnn] = {}
    # longest names first so "Lin Jian" exists before "Jian" looks for it
    order = sorted(range(len(mentions)), key=lambda i: (-len(mentions[i].name.split()), mentions[i].start))
    for i in order:
        m = mentions[i]
        group = "PERSON" if m.label == "PERSON" else ("PLACE" if m.label in ("GPE", "LOC", "FAC") else m.label)
        target = by_key.get((group, _key(m.name)))
        if target is None and m.label == "PERSON":
            words = m.name.split()
            candidates = [
                c for c in clusters
                if c.label == "PERSON" and len(c.name.split()) > len(words)
                and _contains_words(c.name.split(), words)
            ]
            if len(candidates) == 1:
                target = candidates[0]
        if target is None and m.label == "ORG" and m.name.isupper() and len(m.name) >= 2:
            candidates = [c for c in clusters if c.label == "ORG" and _acronym(c.name) == m.name]
            if len(candidates) == 1:
                target = candidates[0]
        if target is None:
            target = EntityAnn(id="", name=m.name, label=m.label, rule=m.rule)
            clusters.append(target)
            by_key[(group, _key(m.name))] = target
        target.add_mention(m.start, m.end)
        for r in m.roles:
            if r not in target.roles:
                target.roles.append(r)
    clusters.sort(key=lambda c: c.mentions[0])
    for n, c in enumerate(clusters, 1):
        c.id = f"e{n}"
    return clusters


def _contains_words(full: list[str], part: list[str]) -> bool:
    """"Kallas" in "Kaja Kallas", "Jian" in "Lin Jian"; contiguous, on word boundaries."""
    n = len(part)
    return any(full[i : i + n] == part for i in range(len(full) - n + 1))


@Language.factory(
    "newsgraph_entities_v1",
    default_config={"labels": list(KEEP_LABELS)},
    assigns=["doc._.ng_entities"],
    requires=["doc.ents", "token.ent_type", "token.tag", "token.dep"],
)
def make_entities(nlp: Language, name: str, labels: list[str]) -> EntitiesComponent:
    register_extensions()
    return EntitiesComponent(labels)


class EntitiesComponent:
    def __init__(self, labels: list[str]) -> None:
        register_extensions()
        self.labels = set(labels)

    def __call__(self, doc: Doc) -> Doc:
        mentions = [m for m in _initial_mentions(doc) if m.label in self.labels]
        entities = get_list(doc, "ng_entities")
        entities[:] = cluster_mentions(mentions)
        return doc
