"""Which entities stand on each side of an event: the subject, object and prepositional slots of a trigger
resolved to entity ids (``Event.source``/``Event.target``).

A mixin of ``events.EventsComponent``, over the slot finders of ``event_slots``: it reads the component's word
lists (``self.words``) and its parse helper ``_kids``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.nlp.event_slots import PROMISE_TYPES, EventSlots
from newsgraph.nlp.speakers import TokenEntityIndex, relative_antecedent
from newsgraph.records import ActorPhrase

if TYPE_CHECKING:
    from newsgraph.nlp.event_knowledge import Pattern


#: the prepositions whose object an ``object_control`` verb asks to do its infinitive ("called on X to", "appealed
#: to X to")
CONTROL_PREPS = frozenset({"on", "upon", "to"})


class EventArguments(EventSlots):
    """The argument finders of the events component (see the module docstring)."""

    def _ids(self, tok: Token | None, idx: TokenEntityIndex, reporter: list[str], depth: int = 0,
             alone: bool = False) -> list[str]:
        """The entity ids a slot token stands for, its coordinated neighbours' too (not when ``alone``: "between A
        and B" has A on one side only)."""
        if tok is None or depth > 3:
            return []
        ids: list[str] = []
        for t in (tok,) if alone else (tok, *tok.conjuncts):
            antecedent = relative_antecedent(t)
            if antecedent is not None:
                # "critics who called ...": the relative pronoun is its antecedent, resolved or not (never the
                # nearest name before it)
                ids.extend(i for i in self._ids(antecedent, idx, reporter, depth + 1) if i not in ids)
                continue
            found = idx.root.get(t.i) or idx.inside.get(t.i)
            if not found and t.dep_ == "appos":
                # "Evans Revere, a former State Department official who had negotiated": the name it stands beside
                found = idx.root.get(t.head.i) or idx.inside.get(t.head.i) or []
            if not found:
                found = [i for c in self._kids(t) if c.dep_ == "appos" for i in self._ids(c, idx, reporter, depth + 1)]
            if not found and idx.first_person(t):
                found = list(reporter)
            if not found:
                # "they", "the spokesperson said", "the diplomat said": see speakers.TokenEntityIndex.reference
                found = idx.reference(t, self._kids(t))[0]
            if not found:
                # "Hungarian officials" when no common-noun actor was made: the demonym stands for it
                found = [i for c in self._kids(t) if c.dep_ in ("amod", "compound", "poss")
                         for i in (idx.root.get(c.i) or []) if idx.labels.get(i) in ("NORP", "GPE", "ORG")][:1]
            if not found and depth < 2:
                # "Rebels in the Ivory Coast", "a group of Moroccan diplomats", "the removal of President X"
                for c in self._kids(t):
                    if c.dep_ == "prep" and c.lower_ in self.words.locative_preps:
                        pob = next((g for g in self._kids(c) if g.dep_ == "pobj"), None)
                        if pob is None:
                            continue
                        sub = self._ids(pob, idx, reporter, depth + 1)
                        if c.lower_ == "of" or all(idx.labels.get(i) in ("GPE", "LOC") for i in sub):
                            found = sub
                        if found:
                            break
            for i in found:
                if i not in ids:
                    ids.append(i)
        return ids

    def _subject(self, v: Token) -> tuple[Token | None, bool]:
        """(subject token, passive)."""
        cur = v
        raised: bool | None = None  # the voice of the infinitive whose subject is sought above it
        for _ in range(4):
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in self._kids(cur))
            for c in self._kids(cur):
                if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
                    # "Modi is expected to discuss": the subject of a passive raising verb does the infinitive
                    return c, passive if raised is None else raised
            if cur.dep_ == "conj":
                finite = any(c.dep_ == "aux" and c.lower_ in ("have", "has", "had") for c in self._kids(cur))
                if finite and cur.head.dep_ in ("acl", "xcomp", "advcl"):
                    # "have expressed ... to be exchanged and have requested": the parser hung the second verb
                    # on the infinitive; its subject is the nearest clause subject above
                    for anc in cur.head.ancestors:
                        subj = next((c for c in self._kids(anc) if c.dep_ in ("nsubj", "nsubjpass")), None)
                        if subj is not None:
                            return subj, False
                if passive and raised is None:
                    raised = True  # "the car ... was then attacked": a passive second verb keeps its voice
                cur = cur.head
                continue
            if cur.dep_ == "acomp":
                cur = cur.head
                continue
            if (cur.dep_ == "advcl" and cur.tag_ == "VBG" and cur.head.pos_ in ("VERB", "AUX")
                    and not any(c.dep_ in ("mark", "aux") for c in self._kids(cur))):
                # "Xi convened a meeting ..., calling on them to ...": the participle clause's doer is the
                # subject of the clause it hangs on
                cur = cur.head
                continue
            if (cur.dep_ == "advcl" and cur.head.lemma_.lower() in self.words.motion_verbs and cur.tag_ == "VB"
                    and any(c.dep_ == "aux" and c.tag_ == "TO" for c in self._kids(cur))):
                # "Zelenskyy traveled to Washington to meet Trump", "Blinken arrived in Riyadh to hold talks": the
                # purpose infinitive of a ``motion_verb`` is done by its subject
                if raised is None:
                    raised = passive
                cur = cur.head
                continue
            if cur.dep_ == "xcomp":
                obj = next((c for c in self._kids(cur.head) if c.dep_ == "dobj"), None)
                if obj is None and cur.head.lemma_.lower() in self.words.object_control:
                    # "called on the authorities to loosen", "appealed to both sides to stop": the one asked
                    obj = next((g for c in self._kids(cur.head) if c.dep_ == "prep" and c.i < cur.i
                                and c.lower_ in CONTROL_PREPS for g in self._kids(c) if g.dep_ == "pobj"), None)
                if obj is not None and cur.head.lemma_.lower() in self.words.object_control:
                    return obj, False  # "urged citizens to stay": the citizens stay
                if raised is None:
                    raised = passive
                cur = cur.head
                continue
            gov = self._gerund_governor(cur)
            if gov is not None:
                # "Paris was accused of aiding rebels", "blamed the administration for withdrawing", "took credit
                # for attacking": the gerund's doer is the passive subject, a blame verb's object, or the subject
                gkids = self._kids(gov)
                obj = next((c for c in gkids if c.dep_ == "dobj"), None)
                if gov.lemma_.lower() in self.words.blame_verbs:
                    subj = next((c for c in gkids if c.dep_ == "nsubjpass"), None) or obj
                    if subj is not None:
                        return subj, False
                    return None, False
                if cur.dep_ == "pcomp" and cur.head.lower_ == "from":
                    # "blocked the administration from deporting", "women were barred from working": the one kept
                    # from it would do it
                    held = next((c for c in gkids if c.dep_ == "nsubjpass"), None) or obj
                    if held is not None:
                        return held, False
                if any(c.dep_ in ("nsubjpass", "auxpass") for c in gkids):
                    return None, False
                cur = gov
                continue
            if cur.dep_ == "csubj" and cur.tag_ == "VBG":
                # "The ministry, working with the industry, stepped up efforts": a participle the parser took for
                # a clausal subject beside the real one is done by that subject
                subj = next((c for c in self._kids(cur.head) if c.dep_ == "nsubj" and c.i < cur.i), None)
                if subj is not None:
                    return subj, False
            if cur.dep_ == "ccomp" and cur.head.lemma_.lower() in self.words.speech_verbs:
                # "a source said Ankara in the last few years imposed controls": the parser made the clause's
                # subject the object of the speech verb
                obj = next((c for c in self._kids(cur.head) if c.dep_ == "dobj" and c.i < cur.i
                            and c.pos_ in ("PROPN", "PRON", "NOUN")), None)
                if obj is not None:
                    return obj, passive
            if cur.dep_ == "relcl":
                return cur.head, passive
            if cur.dep_ in ("acl", "amod") and cur.tag_ == "VBN":
                # "the soldiers captured in Donetsk": undergone; "Israeli airstrikes killed 30 Palestinians, officials
                # said" (the parser took the verb for a participle): a participle with an object is active
                return cur.head, not self._has_object(cur)
            if cur.dep_ == "acl":
                return cur.head, False
            return None, passive
        return None, False

    def _has_object(self, v: Token) -> bool:
        return any(c.dep_ == "dobj" for c in self._kids(v))

    def _gerund_governor(self, g: Token) -> Token | None:
        """The verb whose clause controls a gerund under a preposition: the preposition's verb ("accused of
        aiding"), through a coordinated preposition ("over his activities and for defying") or a noun the
        preposition modifies inside that clause ("the highest figure since lifting a hunting ban"); None if
        none."""
        if g.dep_ != "pcomp" or g.tag_ != "VBG":
            return g.head.head if g.dep_ == "pcomp" and g.head.dep_ == "prep" and g.head.head.pos_ in (
                "VERB", "AUX") else None
        prep = g.head
        while prep.dep_ == "conj" and prep.head.dep_ == "prep":
            prep = prep.head
        if prep.dep_ != "prep":
            return None
        head = prep.head
        for _ in range(3):
            if head.pos_ in ("VERB", "AUX"):
                return head
            if head.dep_ == "pobj" and head.head.dep_ == "agent":
                head = head.head.head  # "was accused by rights groups of killing": the phrase hangs on the agent
                continue
            if head.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or head.dep_ not in ("dobj", "attr", "acomp", "npadvmod"):
                return None
            head = head.head
        return None

    def _arguments(self, v: Token, pat: Pattern, idx: TokenEntityIndex, reporter: list[str], core: bool = False
                   ) -> tuple[list[str], list[str]]:
        """(source ids, target ids). ``core``: only the slots that also decide whether an event is coded (not
        the frame prepositions of an event noun nor "between" pairs)."""
        if pat.pos == "NOUN":
            srcs, tgts = self._noun_slots(v, idx, core)
            source = next((ids for ids in (self._ids(t, idx, reporter, alone=any(c in tgts for c in t.conjuncts))
                                           for t in srcs) if ids), [])
            target = next((ids for ids in ([i for i in self._ids(t, idx, reporter) if i not in source]
                                           for t in tgts) if ids), [])
            return source, target
        subj, passive = self._subject(v)
        if passive:
            # "were arrested and charged by police": the agent of the next coordinated verb is shared
            agent = next((c for c in self._kids(v) if c.dep_ == "agent"), None) or self._shared_right(v, ("agent",))
            src_tok = next((g for g in self._kids(agent) if g.dep_ == "pobj"), None) if agent is not None else None
            source = self._ids(src_tok, idx, reporter)
            if src_tok is None and not core:
                # "Morsi was ousted in a military coup led by el-Sisi": the agent of the event it happened in
                source = next((ids for ids in (self._ids(t, idx, reporter) for t in self._frame_agent(v)) if ids), [])
            target = [] if self._moved_forces(subj, pat) else self._ids(subj, idx, reporter)
            return source, target
        between = self._between(v) if subj is None and not core else None
        if between is not None:
            # "displaced by fighting between rebels and C.A.R. forces"
            source = self._ids(between[0], idx, reporter, alone=True)
            return source, [i for t in between[1] for i in self._ids(t, idx, reporter) if i not in source]
        source = self._ids(subj, idx, reporter)
        target = []
        topic = self._topic_event(pat)  # "discussed China's role", "a meeting on Afghanistan": no target
        actor_object = False  # "deported 173 women and children to Turkey": the object is the side, not "to"
        for c in self._kids(v):
            if self._own_agents(c, pat) or (topic and c.dep_ == "dobj" and self._thing(c, idx)):
                continue  # "France recalled its ambassador": the subject's own people, no target
            if c.dep_ in ("dobj", "dative") or (c.dep_ == "oprd" and c.pos_ in ("PROPN", "NOUN")):
                target = self._ids(c, idx, reporter)
                if target:
                    break
                # "lobbied scores of finance ministers for Mr. Kim": a quantity of actors is an actor object too
                actor_object = actor_object or (c.dep_ == "dobj" and any(n.pos_ == "NOUN" and (
                    n.lower_ in self.agents or n.lemma_.lower() in self.agents
                    or n.lemma_.lower() in self.words.actor_nouns) for n in (c, *self._of_objects(c))))
        if not target and not actor_object and not core:
            # "rejected the allegations made by Pakistan", "defying decisions by the High Representative": the
            # author of the thing acted on is the target
            author = next((a for c in self._kids(v) if c.dep_ == "dobj" for a in self._author(c)), None)
            target = [i for i in self._ids(author, idx, reporter) if i not in source]
        if not target and not actor_object:
            target = self._prep_target(v, idx, reporter, exclude=set(source), topic=topic)
        shared = self._shared_right(v, ("dobj", "dative")) if not target and not actor_object else None
        if shared is not None and not self._own_agents(shared, pat) and not (topic and self._thing(shared, idx)):
            target = [i for i in self._ids(shared, idx, reporter) if i not in source]  # "arrested and charged X"
        if not target and not actor_object:
            target = self._object_target(v, idx, reporter, exclude=set(source), topic=topic,
                                         promise=self._pattern_type(pat) in PROMISE_TYPES)
        if not target and not topic:
            # "demanding that President Mugabe abandon ...": the subject of the complement clause (for a meeting,
            # what is discussed: "discussing how we can support Ukraine")
            for c in self._kids(v):
                if c.dep_ == "ccomp" or self._for_clause(c):  # "called for Israel to allow aid": Israel
                    subj = next((g for g in self._kids(c) if g.dep_ in ("nsubj", "nsubjpass")), None)
                    target = [i for i in self._ids(subj, idx, reporter) if i not in source]
                    if target:
                        break
        target = [t for t in target if t not in source] or ([] if source else target)
        return source, target

    def _of_objects(self, tok: Token) -> list[Token]:
        """The objects of the "of" phrase hung on ``tok`` ("scores of finance ministers", "dozens of protesters")."""
        return [g for c in self._kids(tok) if c.dep_ == "prep" and c.lower_ == "of"
                for g in self._kids(c) if g.dep_ == "pobj"]

    def _object_target(self, v: Token, idx: TokenEntityIndex, reporter: list[str], exclude: set[str],
                       topic: bool = False, promise: bool = False) -> list[str]:
        """The actor one step further down: "threatened further action against Russia" (the object's own
        preposition), "threatened to break relations with Russia" (the complement verb's object or preposition);
        for a ``topic`` event only the object's own preposition ("discussed the issue with Russia"); for a
        ``promise`` only a complement object that names an entity itself ("agreed to release Palestinian
        prisoners", not "agreed to host 200 people from El Salvador")."""
        for c in self._kids(v):
            if c.dep_ == "dobj":
                ids = self._prep_target(c, idx, reporter, exclude, topic)
            elif c.dep_ == "xcomp" and c.pos_ == "VERB" and not topic:
                obj = next((g for g in self._kids(c) if g.dep_ == "dobj"), None)
                ids = [i for i in self._ids(obj, idx, reporter, depth=2 if promise else 0) if i not in exclude]
                ids = ids or self._prep_target(c, idx, reporter, exclude)
                if not ids and obj is not None and not (promise and not self._thing(obj, idx)):
                    ids = self._prep_target(obj, idx, reporter, exclude)
            else:
                continue
            if ids:
                return ids
        return []

    def _prep_target(self, v: Token, idx: TokenEntityIndex, reporter: list[str], exclude: set[str],
                     topic: bool = False) -> list[str]:
        for c in self._kids(v):
            if self._preposition(c) and c.lower_ in self.words.target_preps and not (
                    topic and c.lower_ in self.words.topic_preps):
                for g in self._kids(c):
                    if g.dep_ == "pobj":
                        ids = [i for i in self._ids(g, idx, reporter) if i not in exclude]
                        if ids:
                            return ids
        return []

    def _split_pair(self, subj: Token, idx: TokenEntityIndex, reporter: list[str], source: list[str],
                    phrases: list[ActorPhrase]) -> tuple[list[str], list[str], list[ActorPhrase], list[ActorPhrase]]:
        """(source, target, source phrases, target phrases) of a meeting or a cooperation whose subject is a pair and
        which names no other side: "Kim and Putin held a summit", "South Korea and the United States established":
        the first is the source, the second the target, as "talks between A and B". Three or more stay sources."""
        unchanged: tuple[list[str], list[str], list[ActorPhrase], list[ActorPhrase]] = source, [], phrases, []
        if len(subj.conjuncts) != 1:
            return unchanged
        other = subj.conjuncts[0]
        first = self._ids(subj, idx, reporter, alone=True)
        second = [i for i in self._ids(other, idx, reporter, alone=True) if i not in first]
        if set(first) | set(second) != set(source):
            return unchanged
        lo, hi = other.left_edge.idx, other.idx + len(other.text)
        theirs = [p for p in phrases if lo <= p.start < hi]
        ours = [p for p in phrases if p not in theirs]
        if not (first or ours) or not (second or theirs):
            return unchanged
        return first, second, ours, theirs
