"""Role nouns as speakers: who holds "the spokesperson", "the head of MSF", "China’s U.N. ambassador".

:class:`RoleNouns` is the part of :class:`newsgraph.nlp.speakers.SpeakerResolver` that resolves role nouns, kept
in its own module (the resolver's state is the resolver's: the mentions, the speakers seen, the descriptions
resolved so far). A bare role ("the spokesperson") is the person the last phrase with that role named, else a
person holding the role, else a recent speaker of a fitting gender; a described role ("the head of MSF", "The
U.N. special envoy", "the Pakistani envoy") is the person an earlier description sharing its words was, else the
person introduced next (holding the role, or first named as the next sentence's subject), else the last speaker
whose mentions are written with its words; never the last person merely named before.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.annotations import EntityAnn
from newsgraph.nlp.mentions import _WORDS, PHRASE_DEPS, Vocabulary, mention_range
from newsgraph.nlp.sentences import SentenceIndex


class RoleNouns:
    """Role-noun resolution over a resolver's state (see :class:`newsgraph.nlp.speakers.SpeakerResolver`)."""

    doc: Doc
    text: str
    sents: SentenceIndex
    vocab: Vocabulary
    mentions: list[tuple[int, int, EntityAnn]]
    recent_speakers: list[tuple[int, EntityAnn]]
    speakers_seen: list[tuple[int, EntityAnn | None, str | None, str | None]]
    _described: dict[str, list[tuple[frozenset[str], EntityAnn]]]

    def person(self, ann: EntityAnn) -> bool:
        raise NotImplementedError

    def gender(self, ann: EntityAnn) -> str | None:
        raise NotImplementedError

    def _is_subject(self, char: int) -> bool:
        raise NotImplementedError

    def _candidates(self, before: int) -> list[tuple[int, EntityAnn]]:
        raise NotImplementedError

    def _name_tokens(self, root: Token) -> tuple[int, int]:
        raise NotImplementedError

    def _described_role(self, span: Span, root: Token) -> tuple[list[EntityAnn], str]:
        """ "China’s U.N. ambassador told reporters": the actors component's entity is the description itself, no
        one's name; the person holding the role (with the description's words), else unresolved on purpose
        ("description"), not a wrong name."""
        described = any(c.dep_ in ("prep", "poss", "compound", "amod") for c in root.children)
        words = {c.lower_ for c in root.children if c.dep_ in ("amod", "compound", "poss") and c.i < root.i
                 and c.is_alpha and c.lower_ not in ("former", "top")}
        held = self._role(span.start_char, root.lower_, described, words, self._phrase_words(span, root)) if (
            root.lower_ in self.vocab.uses["speaker"]) else []
        return (held, "role") if held else ([], "description")

    @staticmethod
    def _phrase_words(span: Iterable[Token], head: Token) -> frozenset[str]:
        """The content words of a role's phrase (the mention and the head's modifiers, prepositions and
        appositions) besides the role noun: "doctors", "borders", "msf"."""
        tokens = list(span)
        stack = [head]
        while stack:
            t = stack.pop()
            tokens.append(t)
            stack.extend(c for c in t.children if c.dep_ in PHRASE_DEPS)
        words = (t.lower_.replace(".", "") for t in tokens if t.i != head.i and not t.is_stop)
        return frozenset(w for w in words if w.isalpha())  # "U.N." -> "un"

    def _introduced_after(self, start: int, role: str) -> list[EntityAnn]:
        """The first person named for the first time in the rest of this sentence or the next who holds the
        role, or who is first named as a subject in the next sentence ("China’s U.N. ambassador told reporters
        ... Fu Cong blamed ...", "... said Secretary General Christopher Lockyear"); not a person the
        description's own sentence merely mentions ("The U.N. special envoy ... the fall of President Bashar
        al-Assad")."""
        n = bisect.bisect_right(self.sents.start_chars, start) - 1
        if n < 0:
            return []
        own_end = self.sents.spans[n].end_char
        limit = self.sents.spans[min(n + 1, len(self.sents.spans) - 1)].end_char
        for s, _e, ann in self.mentions:
            if s <= start or s >= limit:
                continue
            first = min(m[0] for m in ann.mentions)
            if ann.label != "PERSON" or first <= start:
                continue
            if role in ann.roles or (first >= own_end and self._is_subject(s)):
                return [ann]
        return []

    def _role(self, start: int, word: str, described: bool = False,
              modifiers: set[str] | frozenset[str] = frozenset(),
              phrase: frozenset[str] = frozenset()) -> list[EntityAnn]:
        """ "the spokesperson said": the last person named who holds the role (with the mention's modifiers
        written before one of their mentions: "the military spokesperson" is not the Taliban's spokesperson);
        for a described role ("the head of MSF") the person introduced next; else a recent speaker of a fitting
        gender ("the diplomat said" after the spokesperson Lin Jian)."""
        role = self.vocab.aliases.get(word, word)
        before = [(s, ann) for s, _e, ann in self.mentions if s < start and ann.label == "PERSON"]
        for _s, ann in sorted(before, key=lambda x: -x[0]):
            if role in ann.roles and self._described_so(ann, modifiers):
                return [ann]
        if described:
            # "The head of Doctors Without Borders (MSF) ... The head of MSF": the person an earlier description of
            # the role sharing a word with this one was
            for words, ann in reversed(self._described.get(role, [])):
                if words & phrase:
                    return [ann]
            # "The head of MSF told the council ... “...,” said Secretary General Christopher Lockyear.": a new
            # person described, named in the next sentence; not the last person named before
            found = self._introduced_after(start, role) or self._last_speaker_so_described(start, phrase, word)
            if found and phrase:
                self._described.setdefault(role, []).append((phrase, found[0]))
            return found
        gender = self.vocab.role_gender(word)

        def fits(ann: EntityAnn) -> bool:
            return ann.label == "PERSON" and (gender is None or self.gender(ann) in (None, gender))

        for _pos, ann in reversed(self.recent_speakers[-3:]):
            if fits(ann):
                return [ann]
        for _s, ann in self._candidates(start):
            if fits(ann):
                return [ann]
        return []

    def _same_role_before(self, head: Token) -> list[EntityAnn] | None:
        """ "A DHS spokesperson told VOA ... the spokesperson added": the last earlier phrase with the same role
        noun decides: the person it names ("Foreign Ministry spokesperson Lin Jian", "Lin Jian, a spokesperson
        for ...", or the person it was resolved to), else no one ([]: an unnamed person, not whoever holds the
        role elsewhere in the story); None when the role was not mentioned before."""
        doc = self.doc
        role = self.vocab.aliases.get(head.lower_, head.lower_)
        lo = mention_range(head)[0]
        for i in range(lo - 1, -1, -1):
            t = doc[i]
            if t.pos_ != "NOUN" or self.vocab.aliases.get(t.lower_, t.lower_) != role:
                continue
            a, b = mention_range(t)
            ranges = [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text))]
            names = [c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
            if t.dep_ in ("appos", "compound") and t.head.pos_ == "PROPN":
                names.append(t.head)
            for n in names:
                nlo, nhi = self._name_tokens(n)
                ranges.append((doc[nlo].idx, doc[nhi - 1].idx + len(doc[nhi - 1].text)))
            people = [ann for s, e, ann in self.mentions if self.person(ann) and any(s < hi and e > lo_ for lo_, hi in ranges)]
            return people[:1]
        return None

    def _last_speaker_so_described(self, start: int, phrase: frozenset[str], word: str) -> list[EntityAnn]:
        """ "Munir Akram said ... “...,” the Pakistani envoy said", "“...,” he said. The military spokesperson
        said ...": a described role goes to the last speaker (in the two sentences before) when that speaker is
        a person of a fitting gender and every word of the description is written near
        one of their mentions ("Pakistan's permanent representative ..., Munir Akram"; a word may be the
        other's stem: Pakistan ~ Pakistani). "The head of MSF" after UNICEF's director is not her."""
        if not phrase or not self.speakers_seen:
            return []
        pos, ann, _hint, _number = self.speakers_seen[-1]
        if ann is None or pos >= start or pos < self.sents.start_char_before(start, 2):
            return []
        gender = self.vocab.role_gender(word)
        if not self.person(ann) or (gender and self.gender(ann) not in (None, gender)):
            return []
        return [ann] if self._described_so(ann, phrase, stems=True, before=start) else []

    def _described_so(self, ann: EntityAnn, modifiers: set[str] | frozenset[str], stems: bool = False,
                      before: int | None = None) -> bool:
        """Every modifier word is written in the few words around one of the person’s mentions ("military
        spokesperson Ahmed Sharif Chaudhry", "Catherine Russell, UNICEF’s executive director"), before char
        ``before`` when given; with ``stems`` a word may be the other's stem (Pakistan ~ Pakistani)."""
        if not modifiers:
            return True
        for s, e in ann.mentions:
            hi = e + 60 if before is None else min(e + 60, before)
            words = set(_WORDS.findall(self.text[max(0, s - 60) : hi].lower().replace("’s", "").replace("'s", "")))
            if stems:
                words |= {w.replace(".", "") for w in words}
                if all(any(m == w or (len(w) >= 4 and m.startswith(w)) or (len(m) >= 4 and w.startswith(m))
                           for w in words) for m in modifiers):
                    return True
            elif modifiers <= words:
                return True
        return False
