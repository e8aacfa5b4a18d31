"""Who a mention refers to: names, pronouns, role nouns and relative pronouns resolved to document entities.

One module for the two components that need it, with one vocabulary (``knowledge/pronouns.tsv`` and
``knowledge/roles.tsv``, through :mod:`newsgraph.nlp.knowledge`):

* :class:`SpeakerResolver` (quotes): a speaker mention, a token range, -> a :class:`Resolution`, the entities it
  names (best first) and the rule that found them. The mention's head decides: a name by the entity mention
  under it (people first), else the one person whose full name holds it ("Kirkwood", also where the NER made
  the surname an organisation); a role noun by the person named in its phrase, never the organisation in it
  ("the head of UNICEF"); "he"/"she" the most recent fitting speaker (unresolved when that speaker has no
  entity), else the subject of its sentence or the nearest fitting person; "they" an organisation or group;
  "it" an organisation or place; "the spokesperson" the person the last phrase with that role named (no one
  when that holder was unnamed: "A DHS spokesperson ... the spokesperson"), else a person holding that role
  (with the mention's modifiers: "the military spokesperson"), else a recent speaker of the right gender; "the
  head of MSF" the person introduced next; "the group" the organisation an earlier "group" phrase named ("the
  militant group al-Shabab"), else one whose name holds the word; "who" its relative clause's antecedent; a
  document ("the U.S. statement", ``document_noun`` in ``quote_words.tsv``) the entity in its modifiers. Resolved surname, pronoun and
  role mentions are added to the entity (``add_mention``). Mentions resolve in reading order.
* :class:`TokenEntityIndex` (events): token -> entity ids from the mentions, with the events' lighter rules
  for pronouns (the nearest entity of a fitting label before it) and role nouns ("the diplomat": the last
  person named), see :meth:`TokenEntityIndex.reference`.

Both use :func:`relative_antecedent` and :func:`mention_range` (from :mod:`newsgraph.nlp.mentions`, with the vocabulary). The two strategies still differ (as they did
before they shared this module); scores of both evals are pinned by their tests.
"""

from __future__ import annotations

import bisect
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.annotations import EntityAnn

# the vocabulary and noun-phrase helpers live in mentions.py; imported here for the resolver and its callers
from newsgraph.nlp.mentions import (
    GENDERS,
    NP_DEPS,
    PHRASE_DEPS,
    PRONOUN_CLASSES,
    ROLE_USES,
    Vocabulary,
    headline_case,
    mention_range,
    relative_antecedent,
    vocabulary,
)
from newsgraph.nlp.sentences import SentenceIndex
from newsgraph.nlp.speaker_roles import RoleNouns
from newsgraph.records import Speaker

LOGGER = logging.getLogger(__name__)

__all__ = [
    "GENDERS", "NP_DEPS", "PHRASE_DEPS", "PRONOUN_CLASSES", "ROLE_USES", "Resolution", "SpeakerResolver",
    "TokenEntityIndex", "Vocabulary", "headline_case", "mention_range", "relative_antecedent", "vocabulary",
]


@dataclass(slots=True)
class Resolution:
    """What a mention refers to: its entities (best first; empty when unresolved) and the rule that said so
    (name, relative, pronoun, role, unresolved)."""

    start: int  # char offsets of the mention
    end: int
    entities: list[EntityAnn] = field(default_factory=list)
    rule: str = "unresolved"

    @property
    def ids(self) -> list[str]:
        return [a.id for a in self.entities]


#: rules that leave a mention unresolved on purpose, named in the rule ("unresolved:description"): the evidence
#: for any entity was too weak to show one
ABSTAINING = frozenset({"description"})


def _unresolved(rule: str) -> str:
    return f"unresolved:{rule}" if rule in ABSTAINING else "unresolved"


class SpeakerResolver(RoleNouns):
    """Speaker mention -> entity for one document: names by overlap, pronouns and role nouns by agreement and
    recency (coreference-lite). Resolve mentions in text order: recent speakers steer later pronouns."""

    def __init__(
        self,
        doc: Doc,
        entities: list[EntityAnn],
        first_names: dict[str, str],
        window: int,
        sents: SentenceIndex,
        vocab: Vocabulary | None = None,
        documents: frozenset[str] = frozenset(),
        capitals: dict[str, frozenset[str]] | None = None,
        quoted: Iterable[tuple[int, int]] = (),
    ) -> None:
        self.doc = doc
        #: char ranges of quoted text, in order: a person named inside another's quote is no rival for "he"
        self.quoted = sorted(quoted)
        self._quoted_starts = [s for s, _e in self.quoted]
        #: entities the NER did not label PERSON that a speaker mention shows are people ("Siyoka Simasiku,
        #: director at ...": an ORG to the NER)
        self._role_persons: set[str] = set()
        #: role -> (the words of a described role's phrase, the person it was resolved to): "The head of Doctors
        #: Without Borders (MSF)" -> Lockyear, so a later "the head of MSF" is him too
        self._described: dict[str, list[tuple[frozenset[str], EntityAnn]]] = {}
        #: "ankara" -> {"turkey", ...}: a capital that speaks stands for its country ("Ankara said")
        self.capitals = capitals or {}
        #: "statement", "report": a document that speaks for whoever issued it ("the U.S. statement said")
        self.documents = documents
        self.text = sents.text
        self.sents = sents
        self.entities = entities
        self.first_names = first_names
        self.window = window
        self.vocab = vocab if vocab is not None else vocabulary()
        # (start, end, entity) for every mention, in text order
        self.mentions = sorted(((s, e, ann) for ann in entities for s, e in ann.mentions), key=lambda m: (m[0], m[1]))
        self.recent_speakers: list[tuple[int, EntityAnn]] = []  # (char offset, entity) of resolved speakers
        #: every speaker mention in reading order: (char offset, entity or None, a person's gender hint, number)
        #: where the gender hint is "m"/"f"/"" for a person we could not name, None for a non-person, and the
        #: number "p"/"s"/"o" that of an unresolved common noun ("rights groups", "the assessment", "o" for one
        #: organisation noun: "the group"), else None
        self.speakers_seen: list[tuple[int, EntityAnn | None, str | None, str | None]] = []
        self._org_nouns: dict[str, EntityAnn] = {}  # "group" -> the organisation "the group" was
        self._gender: dict[str, str | None] = {}
        self._cache: dict[tuple[int, int], Resolution] = {}

    def resolve(self, lo: int, hi: int, speaker: bool = True) -> Resolution | None:
        """The entities of the mention at tokens [lo, hi); None for an empty range. The same range resolves the
        same way every time (a continuation asks again for its frame's speaker). A mention that is not a speaker
        (``speaker=False``: the addressee of "accused X of ...") is resolved without being remembered."""
        if hi <= lo:
            return None
        if not speaker:
            span = self.doc[lo:hi]
            found, rule = self._mention(span)
            return Resolution(span.start_char, span.end_char, found, _unresolved(rule) if not found else rule)
        if (lo, hi) in self._cache:
            res = self._cache[(lo, hi)]
            self._seen(res, self.doc[lo:hi])
            return res
        doc = self.doc
        span = doc[lo:hi]
        start, end = span.start_char, span.end_char
        found, rule = self._mention(span)
        if rule in ("name", "relative") and found and self.capitals:
            country = self._capital_country(found[0])
            if country is not None:
                found, rule = [country], "capital"
        if rule != "name":
            for ann in found:
                ann.add_mention(start, end)
        if found and rule in ("name", "surname") and not self.person(found[0]) and self._titled(span.root):
            self._role_persons.add(found[0].id)
        res = Resolution(start, end, found, _unresolved(rule) if not found else rule)
        self._cache[(lo, hi)] = res
        self._seen(res, span)
        return res

    def _capital_country(self, ann: EntityAnn) -> EntityAnn | None:
        """The document's entity for the country whose capital ``ann`` names ("Ankara said" -> Turkey), when the
        document names that country; None otherwise."""
        if ann.label != "GPE":
            return None
        countries = self.capitals.get(ann.name.lower().strip())
        if not countries:
            return None
        for other in self.entities:
            if other is not ann and other.label == "GPE" and other.name.lower().removeprefix("the ") in countries:
                return other
        return None

    def _titled(self, root: Token) -> bool:
        """A name with a person's role noun in apposition ("Siyoka Simasiku, director at ...", "Nawa, a
        spokesman"): a person, whatever the NER labelled it (not an organisation noun: "UNICEF, the agency")."""
        uses = self.vocab.uses
        return root.pos_ == "PROPN" and any(
            c.dep_ == "appos" and c.pos_ == "NOUN" and c.lower_ in uses["speaker"] and c.lower_ not in uses["org"]
            for c in root.children
        )

    def _in_other_quote(self, char: int, other: int) -> bool:
        """``char`` lies inside quoted text that does not hold ``other``."""
        i = bisect.bisect_right(self._quoted_starts, char) - 1
        if i < 0:
            return False
        qs, qe = self.quoted[i]
        return qs <= char < qe and not qs <= other < qe

    def _seen(self, res: Resolution, span: Span) -> None:
        """Remember a speaker mention: resolved, or a person we could not name (a later "he" may be them)."""
        if res.entities:
            self.recent_speakers.append((res.start, res.entities[0]))
            self.speakers_seen.append((res.start, res.entities[0], None, None))
            return
        root = span.root
        hint: str | None = None
        if root.pos_ == "PROPN" and not self._named(span.start_char, span.end_char):
            hint = self.first_names.get(span[0].lower_, "") if span[0].pos_ == "PROPN" else ""
        number = None
        if root.pos_ == "NOUN" and root.tag_ in ("NN", "NNS"):
            # one organisation noun ("the group", "the ministry") may be "they" or "it"
            noun = root.lemma_.lower() or root.lower_
            number = "p" if root.tag_ == "NNS" else "o" if noun in self.vocab.uses["org"] else "s"
        self.speakers_seen.append((res.start, None, hint, number))

    def _mention(self, span: Span) -> tuple[list[EntityAnn], str]:
        """What the mention's head names: an entity mention under it, a person whose full name holds the head's
        words ("Kirkwood" -> Andrew Kirkwood), or, for a pronoun or role noun, a reference. A common-noun head
        ("the head of UNICEF") is not the organisation it mentions."""
        root = span.root
        rs, re_ = root.idx, root.idx + len(root.text)
        role_head = root.lower_ in self.vocab.uses["speaker"] or root.lower_ in self.vocab.uses["role"]
        if role_head:
            # "U.N. Resident Coordinator for Myanmar Andrew Kirkwood", "the head of UNICEF, Catherine Russell":
            # the one person named in the role's phrase holds it (not the organisation)
            people = []
            for lo, hi in self._phrase(root):
                people += [a for a in self._named(lo, hi) if self.person(a) and a not in people]
            if len(people) == 1:
                return people, "role_name"
            if root.pos_ == "PROPN" and not [a for a in self._named(rs, re_) if self.person(a)]:
                return self._reference(root, span, span.start_char) if root.tag_ in ("NN", "NNS") else ([], "unresolved")
        if root.pos_ == "PROPN" or (root.is_title and root.tag_.startswith("NNP")):
            found = self._named(rs, re_)
            lo, hi = self._name_tokens(root)
            if found and all(a.label == "ORG" for a in found):
                # "Towson said", "Cornell’s Casanova said": a surname the NER took for an organisation is the one
                # person whose full name holds it (Jeffrey Towson, Lourdes Casanova)
                person = self._by_surname([t.text for t in span.doc[lo:hi]])
                if person:
                    return person, "surname"
            if found:
                return found, "name"
            found = self._by_surname([t.text for t in span.doc[lo:hi]])
            if found:
                return found, "surname"
            people = [a for a in self._named(span.start_char, span.end_char) if self.person(a)]
            if people:
                return people, "name"
            new = self._new_person(root)
            return ([new], "new_name") if new is not None else ([], "unresolved")
        if len(span) == 1 and root.is_title and root.tag_ in ("NN", "NNS") and root.i > root.sent.start:
            # "“...,” Creemers said": a surname the tagger took for a common noun (capitalised mid-sentence)
            found = self._by_surname([root.text])
            if found:
                return found, "surname"
        found = self._named(span.start_char, span.end_char)
        modifiers = [(c.left_edge.idx, c.idx + len(c.text)) for c in root.children
                     if c.i < root.i and c.dep_ in ("compound", "poss", "nmod", "amod")]
        people = [a for a in found if self.person(a) and not self._only_within(a, span, modifiers)]
        if people:
            return people, "name"  # "the ministry's spokesperson, Lin Jian": the name in apposition
        at_head = self._named(rs, re_)
        if at_head and role_head and all(a.rule == "actor_np" for a in at_head):
            return self._described_role(span, root)
        if at_head:
            return at_head, "name"  # the head itself is an entity mention ("the Pentagon", "the Trump administration")
        # an organisation in apposition ("The head of the U.N. children’s program, UNICEF") names no person
        appos = [c for c in root.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and not [a for a in self._named(c.idx, c.idx + len(c.text)) if not self.person(a)]]
        if appos:
            # "The Taliban's deputy minister ..., Zia-ul Haq Haqmal": the name in apposition or no one
            lo, hi = self._name_tokens(appos[0])
            found = self._by_surname([t.text for t in span.doc[lo:hi]])
            if found:
                return found, "surname"
            new = self._new_person(appos[0])
            return ([new], "new_name") if new is not None else ([], "surname")
        issuer = self._issuer(root)
        if issuer:
            return issuer, "document"
        ref, rule = self._reference(root, span, span.start_char)
        if ref or root.lower_ in self.vocab.pronouns["first"] or root.lower_ in self.vocab.uses["speaker"]:
            return ref, rule
        if root.lower_ in self.vocab.uses["org"] or root.lemma_.lower() in self.vocab.uses["org"]:
            return self._organisation(span, root), "org_noun"
        if root.is_title and root.pos_ in ("INTJ", "X") and len(span) == 1:
            # "Oh said": a surname the tagger took for an interjection
            found = self._by_surname([root.text])
            if found:
                return found, "surname"
        # "Italian authorities", "a Somali lawmaker": a description; the country it names is not the speaker
        return [], "unresolved"

    def _issuer(self, root: Token) -> list[EntityAnn]:
        """ "the U.S. statement", "a Turkish Presidential statement", "Trump's letter": for a document noun, the
        entity named in its modifiers before it, which issued it (a person first); nothing otherwise."""
        if root.pos_ != "NOUN" or not (root.lower_ in self.documents or root.lemma_.lower() in self.documents):
            return []
        found: list[EntityAnn] = []
        for c in root.children:
            if c.i < root.i and c.dep_ in ("poss", "compound", "amod", "nmod"):
                found += [a for a in self._named(c.left_edge.idx, c.idx + len(c.text)) if a not in found]
        people = [a for a in found if self.person(a)]
        return people[:1] or found[:1]

    def _new_person(self, root: Token) -> EntityAnn | None:
        """A name the NER missed at a cue ("Oh Ei Sun said", "Oh" tagged an interjection): two to four
        title-case words ending at the head, none of them in an entity, a role word or a pronoun, outside a
        headline-case line, becomes a new PERSON entity (rule ``speaker_name``) that later mentions resolve to."""
        doc = self.doc
        lo, hi = self._name_tokens(root)
        while lo > 0 and doc[lo - 1].is_title and doc[lo - 1].is_alpha and doc[lo - 1].pos_ in ("PROPN", "INTJ", "X"):
            lo -= 1
        words = doc[lo:hi]
        vocab = self.vocab
        if not 2 <= len(words) <= 4 or any(
            not (t.is_title and t.is_alpha) or t.ent_type_ or t.lower_ in vocab.gender
            or any(t.lower_ in w for w in vocab.pronouns.values()) for t in words
        ):
            return None
        ls = self.text.rfind("\n", 0, words.start_char) + 1
        le = self.text.find("\n", words.end_char)
        if headline_case(self.text[ls : le if le >= 0 else len(self.text)]):
            return None
        numbers = [int(a.id[1:]) for a in self.entities if a.id[:1] == "e" and a.id[1:].isdigit()]
        ann = EntityAnn(f"e{max(numbers, default=0) + 1}", words.text, "PERSON",
                        mentions=[(words.start_char, words.end_char)], rule="speaker_name")
        self.entities.append(ann)
        self.mentions = sorted([*self.mentions, (words.start_char, words.end_char, ann)], key=lambda m: (m[0], m[1]))
        return ann

    @staticmethod
    def _phrase(root: Token) -> list[tuple[int, int]]:
        """Char ranges of the tokens of a noun phrase through its modifiers, prepositions and appositions (not
        relative clauses: "the spokesman who met Lin Jian")."""
        out = []
        stack = [root]
        while stack:
            t = stack.pop()
            out.append((t.idx, t.idx + len(t.text)))
            stack.extend(c for c in t.children if c.dep_ in PHRASE_DEPS)
        return out

    @staticmethod
    def _only_within(ann: EntityAnn, span: Span, ranges: list[tuple[int, int]]) -> bool:
        """Every mention of ``ann`` inside ``span`` lies in one of ``ranges`` ("the Trump administration":
        Trump only modifies the head)."""
        inside = [(s, e) for s, e in ann.mentions if s < span.end_char and e > span.start_char]
        return bool(inside) and all(any(lo <= s and e <= hi for lo, hi in ranges) for s, e in inside)

    def _name_tokens(self, root: Token) -> tuple[int, int]:
        """The proper-name tokens around a name's head: its compounds and flat parts."""
        lo = hi = root.i
        for c in root.children:
            if c.dep_ in ("compound", "flat") and c.pos_ == "PROPN":
                lo, hi = min(lo, c.i), max(hi, c.i)
        return lo, hi + 1

    def _by_surname(self, words: list[str]) -> list[EntityAnn]:
        """The one person of the document whose full name holds all of ``words`` (a surname or first name on
        its own); nothing when there are none or several."""
        wanted = {w.lower().strip(".") for w in words if w[:1].isupper()} - {"'s", "’s"}
        if not wanted:
            return []
        hits = []
        for ann in self.entities:
            if not self.person(ann):
                continue
            parts = set(self._name_words(ann))
            if len(parts) > len(wanted) and wanted <= parts:
                hits.append(ann)
        return hits if len(hits) == 1 else []

    @staticmethod
    def _name_words(ann: EntityAnn) -> list[str]:
        return [w.lower().strip(".,") for w in ann.name.replace("-", " - ").split() if w[:1].isupper()]

    def _organisation(self, span: Span, root: Token) -> list[EntityAnn]:
        """ "the group said", "the ministry said", "the poultry farmers group said": the organisation named in
        the phrase ("the Reuters news agency"), else the organisation an earlier phrase with the same noun named ("the militant group al-Shabab", "Business consultancy Dezan Shira &
        Associates"), else (for one, not "the rights groups") the last organisation named whose name holds the
        noun's modifiers and the noun or its modifiers (anywhere before: "the ministry" may be paragraphs after
        "the Foreign Ministry"), else the organisation an earlier
        "the group" was; else unresolved."""
        word = root.lemma_.lower() or root.lower_
        if not any(t.lower_ in ("the", "this", "that") for t in span):
            return []
        inside = [a for s, e, a in self.mentions if s < span.end_char and e > span.start_char and a.label == "ORG"]
        if inside:
            return inside[:1]  # "the Reuters news agency": the organisation named in it
        named = self._named_by_noun(word, span.start)
        if named is not None:
            self._org_nouns[word] = named
            return [named]
        if root.tag_ == "NNS":
            return []  # "the rights groups": several, not the one named before
        words = {t.lower_ for t in span if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i != root.i}
        before = [(s, ann) for s, _e, ann in self.mentions if s < span.start_char and ann.label in ("ORG", "NORP")]
        # an organisation before a group of people described ("Cameroon's poultry farmers", NORP)
        before.sort(key=lambda x: (x[1].label != "ORG", -x[0]))
        for _s, ann in before:
            name = set(ann.name.lower().split())
            # the modifiers must be in the name too: "the separatist group" is not the Special Services Group
            if words <= name and (word in name or words):
                self._org_nouns[word] = ann
                return [ann]
        known = self._org_nouns.get(word)
        return [known] if known is not None else []

    def _named_by_noun(self, word: str, before: int) -> EntityAnn | None:
        """The organisation named in the last noun phrase before token ``before`` whose common noun is ``word``
        and whose name stands in apposition or as its head ("the militant group al-Shabab", "consultancy Dezan
        Shira & Associates"); an organisation's entity first, else whatever entity the name is."""
        doc = self.doc
        for i in range(before - 1, -1, -1):
            t = doc[i]
            if t.pos_ != "NOUN" or (t.lemma_.lower() or t.lower_) != word:
                continue
            names = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if t.dep_ == "compound" and t.head.pos_ == "PROPN":
                names.append(t.head)
            for head in names:
                lo, hi = self._name_tokens(head)
                start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1].text)
                # the noun says what the name is, whatever the NER called it ("al-Shabab" tagged a person)
                named = [a for s, e, a in self.mentions if s < end and e > start]
                named.sort(key=lambda a: a.label not in ("ORG", "NORP"))
                if named:
                    return named[0]
        return None

    def speaker(self, rng: tuple[int, int]) -> tuple[Speaker, str] | None:
        """The :class:`Speaker` record of a mention and the rule that resolved it (None for an empty range)."""
        res = self.resolve(*rng)
        if res is None:
            return None
        text = self.text[res.start : res.end]
        ids = res.ids
        return Speaker(start=res.start, end=res.end, text=text, entity=ids[0] if ids else None, entities=ids), res.rule

    def _reference(self, head: Token, span: Iterable[Token], start: int) -> tuple[list[EntityAnn], str]:
        """A pronoun, relative pronoun or role noun with no name in it."""
        p = self.vocab.pronouns
        word = head.lower_
        antecedent = relative_antecedent(head)
        if antecedent is not None:
            ant_lo, ant_hi = mention_range(antecedent)
            doc = self.doc
            return self._named(doc[ant_lo].idx, doc[ant_hi - 1].idx + len(doc[ant_hi - 1].text)), "relative"
        if word in p["male"] or word in p["female"]:
            return self._pronoun(start, "m" if word in p["male"] else "f"), "pronoun"
        if word in p["plural"]:
            return self._plural(start), "pronoun"
        if word in p["thing"]:
            return self._thing(start), "pronoun"
        if (
            word in self.vocab.uses["speaker"]
            and head.tag_ in ("NN", "NNS")
            and any(t.lower_ in ("the", "this", "that") for t in span)
        ):
            described = any(c.dep_ in ("prep", "poss", "compound", "amod") and c.lower_ not in ("former", "top")
                            for c in head.children)
            modifiers = {c.lower_ for c in head.children
                         if c.dep_ in ("amod", "compound") and c.i < head.i and c.is_alpha and c.lower_ not in ("former", "top")}
            earlier = None if described else self._same_role_before(head)
            if earlier is not None:
                return earlier, "role"
            return self._role(start, word, described, modifiers, self._phrase_words(span, head)), "role"
        return [], "unresolved"

    def _named(self, start: int, end: int) -> list[EntityAnn]:
        out: list[EntityAnn] = []
        for s, e, ann in self.mentions:
            if s >= end:
                break
            if e > start and ann not in out and ann.label in ("PERSON", "ORG", "NORP", "GPE"):
                out.append(ann)
        people = [a for a in out if a.label == "PERSON"]
        if people:
            return people
        return out[:1]

    def _candidates(self, before: int) -> list[tuple[int, EntityAnn]]:
        """Entity mentions before ``before`` in the last few sentences, most recent first."""
        limit = self.sents.start_char_before(before, self.window)
        out = [(s, ann) for s, _e, ann in self.mentions if limit <= s < before]
        out.sort(key=lambda x: -x[0])
        return out

    def gender(self, ann: EntityAnn) -> str | None:
        """ "m", "f" or None: from an honorific before a mention, a gendered role, or the first name."""
        if ann.id in self._gender:
            return self._gender[ann.id]
        g: str | None = None
        text = self.text
        honorifics = self.vocab.uses["honorific"]
        speaker_roles = self.vocab.uses["speaker"]
        for s, _e in ann.mentions:
            prev = text[max(0, s - 6) : s].strip().split()
            if prev and prev[-1].lower() in honorifics:
                g = self.vocab.role_gender(prev[-1].lower())
                break
        if g is None:
            for r in ann.roles:
                if r in speaker_roles and self.vocab.role_gender(r):
                    g = self.vocab.role_gender(r)
        if g is None:
            first = ann.name.split()[0].lower() if ann.name.split() else ""
            g = self.first_names.get(first)
        self._gender[ann.id] = g
        return g

    def _pronoun(self, start: int, gender: str) -> list[EntityAnn]:
        """ "he said": the most recent speaker who fits (a person of that gender, no other such person named
        since); a recent speaker we could not name who fits leaves it unresolved; else the nearest person of that
        gender named in the last few sentences."""
        for pos, ann, hint, _number in reversed(self.speakers_seen[-3:]):
            if start - pos >= 1500 or pos >= start:
                continue
            if ann is None:
                if hint is not None and hint in ("", gender):
                    return []  # the last fitting speaker has no entity: better unresolved than someone else
                continue
            if self.person(ann) and self.gender(ann) in (None, gender):
                if self._no_closer_rival(ann, pos, start, gender):
                    return self._subject_since(ann, pos, start, gender) or [ann]
                break
        fitting = [(s, ann) for s, ann in self._candidates(start)
                   if self.person(ann) and self.gender(ann) in (None, gender)]
        # in the pronoun's own sentence the subject before it goes first ("Trump hosted Erdogan ... for what he
        # called ...": Trump, also where the NER made "Trump" an organisation), then the nearest person
        subject = self._subject_since(None, -1, start, gender, sentences=0)
        if subject:
            return subject
        return [fitting[0][1]] if fitting else []

    def _subject_since(self, ann: EntityAnn | None, pos: int, start: int, gender: str,
                       sentences: int = 1) -> list[EntityAnn]:
        """Another person who fits (gender unknown or the same) and is a clause's subject in the pronoun's sentence
        or the ``sentences`` before, named after the speaker ``ann`` at ``pos``: the story has turned to them ("Mahathir has
        been more outspoken ... In April he called on ...", "Trump hosted Erdogan ... for what he called ...");
        a name the NER made an organisation counts as the one person whose full name holds it. Mentions inside
        another's quote do not count. Empty when there is none."""
        since = max(pos + 1, self.sents.start_char_before(start, sentences))
        for s, _e, other in reversed(self.mentions):
            if s >= start or s < since or other is ann or self._in_other_quote(s, start):
                continue
            if not self.person(other):
                people = self._by_surname(other.name.split()) if other.label in ("ORG", "GPE") else []
                if not people:
                    continue
                other = people[0]
            if other is ann or self.gender(other) not in (None, gender) or not self._is_subject(s, named=True):
                continue
            return [other]
        return []

    def _is_subject(self, char: int, named: bool = False) -> bool:
        """The mention starting at ``char`` heads (or is part of) a clause's subject; ``named``: the subject is
        the name itself, not a noun it modifies ("the Trump administration said" is not Trump)."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return False
        tok = span[0]
        while tok.dep_ in ("compound", "flat", "amod", "det") and tok.head is not tok:
            if named and tok.head.pos_ != "PROPN":
                return False
            tok = tok.head
        return tok.dep_ in ("nsubj", "nsubjpass")

    def person(self, ann: EntityAnn) -> bool:
        """A PERSON, or a name the small model mislabelled whose first word is a known first name."""
        if ann.label == "PERSON" or ann.id in self._role_persons:
            return True
        words = ann.name.split()
        return ann.label in ("ORG", "GPE", "NORP") and len(words) > 1 and words[0].lower() in self.first_names

    def _no_closer_rival(self, ann: EntityAnn, pos: int, start: int, gender: str) -> bool:
        """No other person of the same gender mentioned between the speaker and the pronoun."""
        for s, _e, other in self.mentions:
            if (pos < s < start and other is not ann and self.person(other) and self.gender(other) == gender
                    and not self._in_other_quote(s, start)):
                return False
        return True

    def _after_unnamed(self, start: int, numbers: tuple[str, ...]) -> bool:
        """The last speaker before ``start`` (in the last 1,500 characters) was a common noun of one of
        ``numbers`` we could not resolve ("Rights groups said ... They said", "The assessment said ... It said"):
        the pronoun is most likely them, so better unresolved than another organisation. An organisation noun
        left unresolved ("the banned militant group said ... it said") is no reason: the nearest organisation
        is most often the one it was."""
        for pos, ann, _hint, number in reversed(self.speakers_seen):
            if pos >= start:
                continue
            return start - pos < 1500 and ann is None and number in numbers
        return False

    def _plural(self, start: int) -> list[EntityAnn]:
        if self._after_unnamed(start, ("p",)):
            return []
        for _s, ann in self._candidates(start):
            if ann.label in ("ORG", "NORP"):
                return [ann]
        return []

    def _thing(self, start: int) -> list[EntityAnn]:
        if self._after_unnamed(start, ("s",)):
            return []
        for _s, ann in self._candidates(start):
            if ann.label in ("ORG", "GPE"):
                return [ann]
        return []


class TokenEntityIndex:
    """Token -> entity ids, from the entities' mentions (the mention's root first); the events' resolver."""

    def __init__(self, doc: Doc, entities: list[EntityAnn]) -> None:
        self.vocab = vocabulary()
        self.root: dict[int, list[str]] = {}
        self.inside: dict[int, list[str]] = {}
        self.labels: dict[str, str] = {}
        self.mentions: list[tuple[int, str, str]] = []  # (token index of root, id, label)
        for ann in entities:
            self.labels[ann.id] = ann.label
            for s, e in ann.mentions:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or not len(span):
                    continue
                r = span.root
                ids = self.root.setdefault(r.i, [])
                # a coded common-noun actor beats a demonym that shares its head
                if ann.rule == "actor_np":
                    ids.insert(0, ann.id)
                elif ann.id not in ids:
                    ids.append(ann.id)
                for i in range(span.start, span.end):  # indices only: no Token objects
                    self.inside.setdefault(i, []).append(ann.id)
                self.mentions.append((r.i, ann.id, ann.label))
        self.mentions.sort()

    def nearest_before(self, tok: Token, labels: tuple[str, ...], window: int = 80) -> list[str]:
        """The last entity of one of ``labels`` whose mention's root is before ``tok`` (at most ``window``
        tokens before its sentence)."""
        lo = tok.sent.start - window
        for i, eid, label in reversed(self.mentions):
            if i < tok.i and i >= lo and label in labels:
                return [eid]
        return []

    def first_person(self, tok: Token) -> bool:
        """ "We urged ...": a first-person pronoun, which stands for the reporter."""
        return tok.lower_ in self.vocab.pronouns["first"]

    def reference(self, tok: Token, children: Iterable[Token]) -> tuple[list[str], str]:
        """(entity ids, rule) of a pronoun ("they": the nearest organisation, group or country before it) or a
        definite role noun ("the diplomat said": the last person named before); ([], "") otherwise."""
        labels = self.vocab.event_pronoun_labels.get(tok.lower_)
        if labels:
            found = self.nearest_before(tok, labels)
            if found:
                return found, "pronoun"
        if (
            tok.pos_ == "NOUN"
            and tok.lemma_.lower() in self.vocab.uses["event"]
            and any(c.lower_ == "the" for c in children)
        ):
            found = self.nearest_before(tok, ("PERSON",), window=400)
            if found:
                return found, "role"
        return [], ""
