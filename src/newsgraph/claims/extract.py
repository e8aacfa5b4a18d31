"""An article record -> its claims. Reads only the record (text, quotes, events, entities), so it works the same
for records from every engine, and costs a few regular expressions per quote.

Rules (each claim's ``rule`` names the ones that fired, joined by ``|``):

- ``quote:<kind>``: every attributed quote (direct, indirect, partial, mixed) is a claim, except an act (``cue_class``
  "act") whose object names only actors or nothing ("told VOA", "praised ECOWAS", "described what"); its stance
  comes from the cue lemma through ``knowledge/claims/stances.tsv``.
- ``event_cue:<TYPE>``: an ACCUSE / THREATEN event whose trigger is the quote's cue types a cue the table
  leaves neutral ("called China the main sponsor" is an accusation); not REJECT ("declined to comment").
- ``nested``: a reported statement inside a quote's content ("UkrInform reports [the Chinese government has
  denied any involvement ...]"): an entity at the start of the content followed by a cue of the table is the
  speaker, the outer speaker becomes the ``reporter``, and the outer claim is not kept (it would assert what the
  inner speaker denies). A coordinated second cue ("... and has promised to ...") is a second nested claim.
- ``event:<TYPE>``: an ACCUSE / REJECT / THREATEN event with a source entity, whose trigger is a cue of the table
  and lies outside every quote, is a claim on its own; its content runs from the trigger to the clause's end.
- ``predicate:event`` / ``predicate:aux``: the proposition's main predicate is the trigger of an event inside the
  content (with the event's source and target as subjects and objects), else the verb after the first auxiliary,
  else (``predicate:head``, a nominal content: "any involvement of its citizens") the first content word.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Iterable

from newsgraph.claims.lexicon import Lexicon, Stance, load_lexicon
from newsgraph.claims.model import Claim, ClaimSpeaker
from newsgraph.claims.polarity import find_hedges, find_negation, main_clause_end
from newsgraph.claims.terms import Termer
from newsgraph.records import ArticleRecord, Entity, Offsets, Quote, TextSpan

#: PLOVER event types that are statements (claims of their own where no quote covers them)
STATEMENT_EVENTS = {"ACCUSE": ("accuses", 1), "REJECT": ("denies", -1), "THREATEN": ("warns", 1)}
#: event types that type a neutral cue ("called China the main sponsor"); not REJECT: "declined to comment"
CUE_EVENTS = ("ACCUSE", "THREATEN")

_SENT_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n+")
_ADVERBS = r"(?:has|have|had|also|again|repeatedly|previously|strongly|flatly|categorically|publicly|officially|already|firmly|later|then|now|since|consistently)"
_LEAD_VERB = re.compile(rf"\s*(?:{_ADVERBS}\s+)*([A-Za-z]+)\b")
_COORD = re.compile(rf"(?:,\s*|\s+)(?:and|but)\s+(?:{_ADVERBS}\s+)*([A-Za-z]+)\b")
_AUX = re.compile(
    r"\b(?:is|are|was|were|has|have|had|will|would|can|could|may|might|should|must|did|does|do)\s+"
    r"(?:(?:not|n['’]t|never|also|still|already|been|being|be|now|no longer|reportedly|allegedly)\s+)*([a-z]+)\b"
)
_LEADING_DET = {"", "the", "that", "that the", "a", "an"}


class Extractor:
    """Claims of records, with one lexicon and termer (build once, use for many records)."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lex = lexicon or load_lexicon()
        self.termer = Termer(self.lex)

    # ---- helpers -----------------------------------------------------------------------------------------
    @staticmethod
    def _sentence_bounds(text: str) -> list[int]:
        return [0, *(m.end() for m in _SENT_END.finditer(text)), len(text)]

    @staticmethod
    def _sentence(bounds: list[int], lo: int, hi: int) -> Offsets:
        i = bisect.bisect_right(bounds, lo) - 1
        j = bisect.bisect_left(bounds, hi)
        return Offsets(start=bounds[max(i, 0)], end=bounds[min(j, len(bounds) - 1)])

    def _speaker(self, record: ArticleRecord, ents: dict[str, Entity], q: Quote) -> ClaimSpeaker:
        sp = q.speaker
        if sp is None:
            return ClaimSpeaker()
        ent = ents.get(sp.entity) if sp.entity else None
        return ClaimSpeaker(
            start=sp.start, end=sp.end, text=sp.text, entity=ent.id if ent else None,
            name=ent.name if ent else sp.text, label=ent.label if ent else None,
            code=ent.actor.code if ent else None,
        )

    @staticmethod
    def _entity_speaker(ent: Entity, start: int, end: int, text: str) -> ClaimSpeaker:
        return ClaimSpeaker(start=start, end=end, text=text, entity=ent.id, name=ent.name, label=ent.label,
                            code=ent.actor.code)

    def _cue_form(self, word: str) -> Stance | None:
        lemma = self.lex.forms.get(word.lower())
        return self.lex.stances[lemma] if lemma else None

    # ---- the claim ---------------------------------------------------------------------------------------
    def _claim(
        self, record: ArticleRecord, bounds: list[int], mentions: list[tuple[int, int, Entity]], *, kind: str, start: int, end: int, stance: Stance,
        speaker: ClaimSpeaker, cue: TextSpan | None, rule: str, quote: int | None = None, event: int | None = None,
        reporter: str | None = None,
    ) -> Claim | None:
        text = record.text
        start, end = max(start, 0), min(end, len(text))  # offsets from an untrusted record stay in the text
        while start < end and text[start] in " \t\n,:;\"“”'‘’(":
            start += 1
        while end > start and (text[end - 1] in " \t\n,;:\"“”'‘’)" or (
                text[end - 1] == "." and end - start > 1 and not text[end - 2].isupper())):  # "U.S." keeps its dot
            end -= 1
        if end - start < 3:
            return None
        content = text[start:end]
        anchors = [x for x in (start, end, cue.start if cue else None, cue.end if cue else None,
                               speaker.start, speaker.end) if x is not None]
        sentence = self._sentence(bounds, min(anchors), max(anchors))
        negation = find_negation(self.lex, text, start, end, denial=stance.sign < 0)
        sign = stance.sign * (-1 if negation.negated else 1)
        polarity = "positive" if sign > 0 else "negative" if sign < 0 else "neutral"
        hedges = find_hedges(self.lex, text, sentence.start, sentence.end)
        in_content: list[Entity] = []
        for m_start, m_end, e in mentions:  # sorted by start
            if m_start >= end:
                break
            if m_end > start and e not in in_content:
                in_content.append(e)
        predicate, subjects, objects, prule = self._predicate(record, start, end, in_content)
        core_end = start + main_clause_end(content)
        terms = set(self.termer.terms(content))
        core = set(self.termer.terms(text[start:core_end]))
        for e in in_content:  # "its citizens" is Chinese citizens: the entity's country joins the terms
            code = e.actor.code or ""
            if len(code) >= 3 and code[:3].isalpha() and code[:3].isupper():
                terms.add("@" + code[:3])
                if any(start <= m.start < core_end for m in e.mentions):
                    core.add("@" + code[:3])
        key = f"{record.id}\x1f{start}\x1f{end}\x1f{speaker.start}\x1f{speaker.entity}".encode()
        return Claim(
            id="c" + hashlib.sha1(key).hexdigest()[:15], kind=kind, start=start, end=end, text=content,
            sentence=sentence, stance=stance.stance, sign=stance.sign, polarity=polarity, speaker=speaker, cue=cue,
            cue_lemma=stance.cue or None, predicate=predicate, subjects=subjects, objects=objects,
            entities=[e.id for e in in_content], negated=negation.negated, negation=negation.marker, hedges=hedges,
            terms=sorted(terms), core_terms=sorted(core), quote=quote, event=event, reporter=reporter, published=record.published,
            source=record.source, rule="|".join(x for x in (rule, prule) if x),
        )

    def _predicate(
        self, record: ArticleRecord, start: int, end: int, in_content: list[Entity]
    ) -> tuple[TextSpan | None, list[str], list[str], str]:
        inside = [ev for ev in record.events if start <= ev.trigger.start and ev.trigger.end <= end]
        if inside:
            ev = min(inside, key=lambda e: e.trigger.start)
            return ev.trigger, list(ev.source), list(ev.target), "predicate:event"
        content = record.text[start : start + main_clause_end(record.text[start:end])]
        m = _AUX.search(content)
        if m:
            p0, p1, rule = start + m.start(1), start + m.end(1), "predicate:aux"
        else:  # a nominal content ("any involvement of its citizens"): its first content word not in a name
            spans = [(x.start, x.end) for e in in_content for x in e.mentions if x.start < end and x.end > start]
            head = next((t for t in self.termer.tokens(content)
                         if t[0].lower() not in self.termer.stop and t[0].lower() not in self.lex.negations
                         and not any(a <= start + t[1] < b for a, b in spans)), None)
            if head is None:
                return None, [], [], ""
            p0, p1, rule = start + head[1], start + head[2], "predicate:head"
        subjects = [e.id for e in in_content if any(start <= x.start < p0 for x in e.mentions)]
        objects = [e.id for e in in_content if any(p1 <= x.start < end for x in e.mentions)]
        return TextSpan(start=p0, end=p1, text=record.text[p0:p1]), subjects, objects, rule

    def _names_no_thing(self, record: ArticleRecord, mentions: list[tuple[int, int, Entity]], q: Quote) -> bool:
        """An act quote ("told VOA", "praised ECOWAS", "described what") whose object is only actors' names and
        function words: aimed at someone (an event, not a claim), no proposition. An act on a thing stays a
        claim: "threatened sanctions", "reported no significant draught change", "denied the allegations"."""
        inside = [(s, e) for s, e, _ in mentions if q.start <= s and e <= q.end]
        return not any(w[0].lower() not in self.termer.stop and not any(s <= q.start + w[1] < e for s, e in inside)
                       for w in self.termer.tokens(record.text[q.start : q.end]))

    # ---- rules ---------------------------------------------------------------------------------------------
    def _nested(
        self, record: ArticleRecord, bounds: list[int], mentions: list[tuple[int, int, Entity]], q: Quote, qi: int,
        outer: ClaimSpeaker,
    ) -> list[Claim]:
        """Statements reported inside a quote's content: '<entity> has denied X and has promised Y'."""
        text = record.text
        starts = [(s, e, ent) for s, e, ent in mentions
                  if q.start <= s < q.end and text[q.start : s].strip().lower() in _LEADING_DET]
        if not starts:
            return []
        m0, m1, ent = min(starts, key=lambda s: (s[0], -s[1]))
        lead = _LEAD_VERB.match(text, m1, q.end)
        if not lead:
            return []
        first = self._cue_form(lead.group(1))
        if first is None:
            return []
        stance: Stance = first
        speaker = self._entity_speaker(ent, m0, m1, text[m0:m1])
        out: list[Claim] = []
        cue = TextSpan(start=lead.start(1), end=lead.end(1), text=lead.group(1))
        pos = lead.end()
        while True:
            body = text[pos : q.end]
            if body.lstrip().lower().startswith("that "):
                pos += body.lower().index("that ") + 5
                body = text[pos : q.end]
            coord = None
            for c in _COORD.finditer(body):
                if self._cue_form(c.group(1)) is not None:
                    coord = c
                    break
            stop = pos + coord.start() if coord else q.end
            claim = self._claim(record, bounds, mentions, kind="nested", start=pos, end=stop, stance=stance, speaker=speaker,
                                cue=cue, rule=f"nested|quote:{q.kind}", quote=qi, reporter=outer.name)
            if claim:
                out.append(claim)
            if not coord:
                return out
            stance = self._cue_form(coord.group(1)) or stance
            cue = TextSpan(start=pos + coord.start(1), end=pos + coord.end(1), text=coord.group(1))
            pos = pos + coord.end()

    def claims(self, record: ArticleRecord) -> list[Claim]:
        if record.status != "analyzed" or not (record.quotes or record.events):
            return []
        text = record.text
        bounds = self._sentence_bounds(text)
        ents = {e.id: e for e in record.entities}
        mentions = sorted(((m.start, m.end, e) for e in record.entities for m in e.mentions), key=lambda x: x[:2])
        out: list[Claim] = []
        cue_events = {}
        for j, ev in enumerate(record.events):
            if ev.type in CUE_EVENTS:
                cue_events[(ev.trigger.start, ev.trigger.end)] = j
        covered: list[tuple[int, int]] = []
        for qi, q in enumerate(record.quotes):
            covered.append((q.start, q.end))
            if q.cue:
                covered.append((q.cue.start, q.cue.end))
            speaker = self._speaker(record, ents, q)
            nested = self._nested(record, bounds, mentions, q, qi, speaker) if q.kind != "direct" else []
            if nested:
                out.extend(nested)
                continue
            stance = self.lex.stance_of(q.cue_lemma)
            rule = f"quote:{q.kind}"
            ev_i = None
            if q.cue is not None:
                ev_i = next((j for (s, e), j in cue_events.items() if s < q.cue.end and e > q.cue.start), None)
                if ev_i is not None and stance.sign == 0:
                    name, sign = STATEMENT_EVENTS[record.events[ev_i].type]
                    stance = Stance(stance.cue, name, sign)
                    rule += f"|event_cue:{record.events[ev_i].type}"
            if q.cue_class == "act" and self._names_no_thing(record, mentions, q):
                continue
            claim = self._claim(record, bounds, mentions, kind=q.kind, start=q.start, end=q.end, stance=stance, speaker=speaker,
                                cue=q.cue, rule=rule, quote=qi, event=ev_i)
            if claim:
                out.append(claim)
        for j, ev in enumerate(record.events):
            if ev.type not in STATEMENT_EVENTS or not ev.source:
                continue
            t = ev.trigger
            if any(s <= t.start < e for s, e in covered):
                continue
            ev_stance = self._cue_form(t.text)
            src = ents.get(ev.source[0])
            if ev_stance is None or src is None:
                continue
            mention = min(src.mentions, key=lambda m: (abs(m.start - t.start), m.start), default=None)
            if mention is None:
                continue
            start = t.end
            end = min(ev.sentence.end, len(text))
            end = start + main_clause_end(text[start:end])
            if text[start:end].lstrip().lower().startswith("that "):
                start = text.index("that", start) + 4
            speaker = self._entity_speaker(src, mention.start, mention.end, mention.text)
            claim = self._claim(record, bounds, mentions, kind="event", start=start, end=end, stance=ev_stance, speaker=speaker,
                                cue=t, rule=f"event:{ev.type}", event=j)
            if claim:
                out.append(claim)
        seen: set[str] = set()
        unique = []
        for c in out:
            if c.id not in seen:
                seen.add(c.id)
                unique.append(c)
        return sorted(unique, key=lambda c: (c.start, c.end))


_DEFAULT: Extractor | None = None


def extract_claims(record: ArticleRecord, extractor: Extractor | None = None) -> list[Claim]:
    global _DEFAULT
    if extractor is None:
        if _DEFAULT is None:
            _DEFAULT = Extractor()
        extractor = _DEFAULT
    return extractor.claims(record)


def extract_many(records: Iterable[ArticleRecord], extractor: Extractor | None = None) -> list[tuple[str, int, Claim]]:
    """(article id, index, claim) for every claim of the records."""
    return [(r.id, i, c) for r in records for i, c in enumerate(extract_claims(r, extractor))]
