"""Where an event's sides sit in the parse: the source and target slots of a trigger, and the actor phrases
(``Event.source_phrases``/``target_phrases``) for the sides no entity stands for ("Police arrested protesters").

A mixin of ``events.EventsComponent``: it reads the component's word lists (``self.words``), patterns
(``self.kb``), role nouns (``self.agents``) and its parse helpers (``_kids``, ``_subject``, ``_actorlike``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from newsgraph.nlp.actors import parse_code
from newsgraph.nlp.speakers import TokenEntityIndex, relative_antecedent
from newsgraph.records import ActorPhrase

if TYPE_CHECKING:
    from newsgraph.nlp.event_knowledge import EventKnowledge, EventWords, Pattern

#: entity labels whose modifier of an event noun names its side ("the IMF loan", "Thai custody"); a place name
#: there is the venue ("the Singapore summit"), so GPEs count only as possessors ("Russia's invasion")
MODIFIER_ACTORS = frozenset({"PERSON", "ORG", "NORP"})

#: the event types whose noun's place modifier is where it happens ("the Singapore summit", "a Beijing visit"),
#: not who does it ("Washington sanctions")
VENUE_TYPES = frozenset({"CONSULT", "PROTEST"})

#: the event types whose noun under a ``time_prep`` of a verb ("said after talks with X", "spoke during a visit to
#: Kyiv") is the verb's subject's own; an attack or a protest after which someone acts is someone else's
PARTICIPANT_TYPES = frozenset({"CONSULT"})

#: the event types whose noun, as the object of a ``benefit_verb``, has the verb's subject as its recipient
#: ("sought assistance from Russia", "won support"): the target
BENEFIT_TYPES = frozenset({"AID", "SUPPORT", "CONCEDE"})

#: the event types whose thing-object or ``topic_prep`` phrase is what the event is about, not its target ("discussed
#: China's role", "a meeting on Afghanistan")
TOPIC_TYPES = frozenset({"CONSULT"})

#: the event types of verbs that react to another's action: a possessive pronoun on their event-noun object is that
#: other ("the U.N. condemned their attacks"), not the verb's subject
REACTION_TYPES = frozenset({"ACCUSE", "REJECT", "SUPPORT", "PROTEST"})

#: the event types whose thing-object is what is given, not a side, when a preposition names who gets it
#: ("provided weapons to the rebels")
GIFT_TYPES = frozenset({"AID"})

#: the event types whose complement's object is what is promised, not a target phrase ("agreed to host 200 people")
PROMISE_TYPES = frozenset({"AGREE"})

#: the event types whose role-noun object is the subject's own forces, moved ("deployed 400 police officers")
FORCE_TYPES = frozenset({"MOBILIZE", "RETREAT"})

#: possessive pronouns that make a role-noun object the subject's own people ("recalled its ambassador")
OWN_PRONOUNS = frozenset({"its", "their", "his", "her", "our"})

#: the left dependents that belong to an actor phrase ("the two leaders", "Thai immigration officials", "his
#: administration"); a verb or a clause the parser hung on the head noun does not
PHRASE_MODIFIERS = frozenset({"det", "predet", "amod", "compound", "nummod", "quantmod", "poss", "nmod", "npadvmod",
                              "advmod", "case", "nn"})

#: the words that may stand between two coordinated verbs sharing a right dependent ("arrested and later charged")
RAISING_GAP = frozenset({"cc", "punct", "advmod", "aux", "auxpass", "neg"})

#: entity types of words that are never an event's side ("met on Friday", "killed 11")
NOT_ACTOR_ENTS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY"})


class EventSlots:
    """The slot finders of the events component (see the module docstring)."""

    words: EventWords
    kb: EventKnowledge
    agents: dict[str, str]

    def _kids(self, tok: Token) -> tuple[Token, ...]:
        raise NotImplementedError

    def _subject(self, v: Token) -> tuple[Token | None, bool]:
        raise NotImplementedError

    def _actorlike(self, tok: Token, idx: TokenEntityIndex) -> bool:
        raise NotImplementedError

    def _known_name(self, tok: Token) -> bool:
        raise NotImplementedError

    def choose(self, tok: Token, pos: str) -> Pattern | None:
        raise NotImplementedError

    def _slots(self, v: Token, pat: Pattern, idx: TokenEntityIndex) -> tuple[list[Token], list[Token]]:
        """The tokens in the source and target slots of a trigger, whatever they name: the subject (the by-agent
        of a passive, the possessor or by-phrase of an event noun) and the object (the passive subject, the
        object of a target preposition, the object of a complement verb)."""
        kids = self._kids(v)
        if pat.pos == "NOUN":
            return self._noun_slots(v, idx)
        subj, passive = self._subject(v)
        if passive:
            agent = next((c for c in kids if c.dep_ == "agent"), None) or self._shared_right(v, ("agent",))
            src = next((g for g in self._kids(agent) if g.dep_ == "pobj"), None) if agent is not None else None
            return [src] if src is not None else self._frame_agent(v), [subj] if subj is not None and not self._moved_forces(
                subj, pat) else []
        between = self._between(v) if subj is None else None
        if between is not None:
            return [between[0]], list(between[1])
        topic = self._topic_event(pat)
        tgts = [c for c in kids if (c.dep_ in ("dobj", "dative") or (c.dep_ == "oprd" and c.pos_ in ("PROPN", "NOUN")))
                and not self._own_agents(c, pat) and not (topic and self._thing(c, idx))]
        shared = self._shared_right(v, ("dobj", "dative"))
        if shared is not None and not self._own_agents(shared, pat) and not (topic and self._thing(shared, idx)):
            tgts.append(shared)  # "arrested and charged five men"
        # "rejected the allegations made by Pakistan": the author of the thing acted on comes first
        tgts = [a for c in tgts if c.dep_ == "dobj" for a in self._author(c)] + tgts
        obj = self._prep_object(v, topic)
        if obj is not None:
            if self._pattern_type(pat) in GIFT_TYPES:
                # "provided weapons to the rebels": what is given is no side when the verb names who gets it
                tgts = [t for t in tgts if not (t.dep_ == "dobj" and self._thing(t, idx))]
            tgts.append(obj)
        comp = next((c for c in kids if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
        if comp is not None and not topic and self._pattern_type(pat) not in PROMISE_TYPES:
            # "threatened to break relations": the complement's object; "agreed to expand trade", "pledged to lay
            # down their weapons": what is promised, no target phrase (an entity object stays: "agreed to release
            # Palestinian prisoners", as the CAMEO manual codes it)
            tgts += [g for g in self._kids(comp) if g.dep_ == "dobj"]
        if not topic:
            # "alleges the insurgent group has not lived up to", "demanding that Mugabe abandon": the complement
            # clause's subject, last (as ``_arguments`` reads it for an entity); a meeting's clause is its topic
            tgts += [g for c in kids if c.dep_ == "ccomp" or self._for_clause(c) for g in self._kids(c)
                     if g.dep_ in ("nsubj", "nsubjpass") and not (c.dep_ != "ccomp" and self._thing(g, idx))][:1]
        if self._pattern_type(pat) in PROMISE_TYPES:
            # "agreed to a ceasefire", "signed the accord": a thing agreed to is no other side ("agreed with Kyiv")
            tgts = [t for t in tgts if not self._thing(t, idx)]
        return [subj] if subj is not None else [], tgts

    def _noun_slots(self, v: Token, idx: TokenEntityIndex, core: bool = False) -> tuple[list[Token], list[Token]]:
        """The candidate tokens, best first, for the source and the target of an event noun. The possessor and an
        actor modifier are the source ("Russia's invasion", "the IMF loan", "Thai custody"), the target for the
        ``patient_noun`` words ("Khalil's deportation", "the hotel siege"); "by X" and "from X" name the source
        ("an attack from Assad loyalists"; "from" is the target for the ``away_noun`` words: "withdrawal from
        the treaty"), as "of X" does for the ``agent_of_noun`` words ("a meeting of the Security Council");
        "between A and B" gives both; the other target prepositions name the target. A noun that is the object
        of a light verb takes the verb's subject and prepositions ("held talks with", "imposed sanctions on")."""
        lemma = v.lemma_.lower()
        kids = self._kids(v)
        if v.dep_ == "conj" and v.head.pos_ == "NOUN" and not any(c.dep_ == "poss" for c in kids):
            # "Lai's lengthy trial and unjust detention": coordinated nouns share the possessor
            kids = (*kids, *(c for c in self._kids(v.head) if c.dep_ == "poss"))
        # "Boko Haram's abduction of 276 schoolgirls": with an of-object the possessor is the doer again
        patient = lemma in self.words.patient_nouns and not any(c.dep_ == "prep" and c.lower_ == "of" for c in kids)
        srcs: list[Token] = []
        tgts: list[Token] = []
        # "Washington sanctions", "Israeli strikes": a place modifier is the doer, but for a meeting the venue
        # (a looser slot: it fills an empty side but does not decide whether the event is coded)
        labels = MODIFIER_ACTORS if core or self._noun_types(lemma) & VENUE_TYPES else MODIFIER_ACTORS | {"GPE"}
        topic = bool(self._noun_types(lemma) & TOPIC_TYPES)
        for c in kids:
            if c.dep_ == "poss" or (c.dep_ in ("compound", "amod") and c.i < v.i and any(
                    idx.labels.get(i) in labels for x in (c, *self._name_parts(c)) for i in idx.inside.get(x.i, ()))):
                # "Islamic State violence" with only "Islamic" found by the NER: the modifier's own name parts
                (tgts if patient else srcs).append(c)
            elif patient and c.dep_ == "compound" and c.i < v.i and c.pos_ == "NOUN":
                tgts.append(c)  # "the hotel siege", "the book ban": what the event is done to
            elif c.dep_ in ("prep", "agent"):
                pob = next((g for g in self._kids(c) if g.dep_ == "pobj"), None)
                if pob is None:
                    continue
                word = c.lower_
                if word == "of" and not srcs:
                    # "the arrest of the opposition leader by police": the parser hangs the by-phrase on the object
                    srcs.extend(self._by_agent(pob))
                if word == "between":
                    srcs.append(pob)
                    tgts.extend(pob.conjuncts)
                elif (word in self.words.noun_source_preps and not (word == "from" and lemma in self.words.away_nouns)
                      ) or (word == "of" and (lemma in self.words.agent_of_nouns or lemma in self.words.holder_nouns)):
                    srcs.append(pob)
                elif word in self.words.target_preps and not (topic and word in self.words.topic_preps) and not (
                        word == "of" and pob.lemma_.lower() in self.words.content_nouns):
                    tgts.append(pob)  # not what is exchanged or done: "an exchange of fire", "a freeze of assets"
        if lemma in self.words.threat_nouns:
            # "threats of Washington sanctions": who would impose them threatens; the sanctions are no target
            for c in kids:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for inner in self._kids(c):
                        if inner.dep_ == "pobj" and ("NOUN", inner.lemma_.lower()) in self.kb.patterns:
                            tgts = [t for t in tgts if t is not inner]
                            srcs.extend(self._noun_slots(inner, idx)[0])  # "Washington sanctions": a place too
        n = v
        while n.dep_ == "compound":
            n = n.head
        gov = n.head.lemma_.lower()
        if n.dep_ == "dobj" and n.head.pos_ in ("VERB", "AUX") and (
                gov in self.words.recipient_verbs
                or (gov in self.words.benefit_verbs and self._noun_types(lemma) & BENEFIT_TYPES)):
            # "received a visit from", "faces sanctions", "sought assistance from Russia": the subject undergoes it
            subj, passive = self._subject(n.head)
            if subj is not None and not passive and not tgts:  # the noun's own ("drew criticism of the world body")
                tgts.append(subj)
            srcs.extend(g for c in self._kids(n.head) if c.dep_ == "prep" and c.lower_ == "from"
                        for g in self._kids(c) if g.dep_ == "pobj")
        elif (n.dep_ in ("dobj", "nsubjpass") and n.head.pos_ in ("VERB", "AUX")
                and gov in self.words.light_verbs):
            subj, passive = self._subject(n.head)
            if subj is not None and not passive:
                srcs.append(subj)
            elif passive:
                srcs.extend(self._by_agent(n.head))  # "the attack was carried out by al-Shabab"
            obj = self._prep_object(n.head, topic)
            if obj is not None:
                tgts.append(obj)
        if not core and not tgts and n.dep_ == "pobj" and n.head.lower_ in self.words.aimed_preps and (
                n.head.head.pos_ in ("VERB", "AUX")) and any(
                c.dep_ == "prep" and c.lower_ == "from" and any(g.dep_ == "pobj" for g in self._kids(c)) for c in kids):
            # "met with opposition from China", "was held amid opposition from European countries", "passed with
            # support from France": an event noun that comes from someone else is aimed at the clause's subject
            subj, _ = self._subject(n.head.head)
            if subj is not None:
                tgts.append(subj)
        if not core and n.dep_ == "nsubj" and n.head.lemma_.lower() == "be":
            # "the attack was a blunder by Ivorian authorities": the by-agent of the predicate noun
            for attr in self._kids(n.head):
                if attr.dep_ == "attr" and attr.pos_ == "NOUN":
                    srcs.extend(self._by_agent(attr))
        if not core and n.dep_ == "dobj" and n.head.pos_ == "VERB" and any(
                c.dep_ == "poss" and c.tag_ == "PRP$" for c in kids) and not self._reaction(n.head):
            # "The GOP leaders have signaled their support", "back off his threats": the possessive pronoun is the
            # clause's subject, who names it first; not under a verb that reacts to another's action ("the U.N.
            # condemned their attacks", "welcomed their decision")
            subj, passive = self._subject(n.head)
            if subj is not None and not passive and subj.tag_ != "PRP$":
                srcs.insert(0, subj)
        if n.dep_ == "pobj" and n.head.lower_ == "of" and n.head.head.pos_ == "NOUN":
            # "a campaign of criticism by the parents", "a wave of attacks by militants": the by-agent of the noun
            # the event noun specifies
            srcs.extend(self._by_agent(n.head.head))
        for c in kids:
            if c.dep_ == "acl" and not any(t.dep_ == "prep" and t.lower_ == "between" for t in kids):
                # "an exchange of fire reported between security forces and militants", "clashes erupting between
                # A and B": the participle's "between" pair
                for g in self._kids(c):
                    pob = next((x for x in self._kids(g) if x.dep_ == "pobj"), None) if (
                        g.dep_ == "prep" and g.lower_ == "between") else None
                    if pob is not None:
                        srcs.append(pob)
                        tgts.extend(pob.conjuncts)
            if c.dep_ == "acl" and c.tag_ == "VBN":
                # "the allegations made by Pakistan": the participle's by-agent
                agent = next((g for g in self._kids(c) if g.dep_ == "agent"), None)
                pob = next((g for g in self._kids(agent) if g.dep_ == "pobj"), None) if agent is not None else None
                if pob is not None:
                    srcs.append(pob)
            if c.dep_ in ("relcl", "acl") and c.lemma_.lower() in self.words.light_verbs:
                # "the sanctions Washington has imposed on Moscow", "sanctions imposed on Russia by the EU": the
                # clause's subject (the participle's by-agent, above) and object
                subj, passive = self._subject(c)
                if subj is not None and not passive and subj.i != v.i:
                    srcs.append(subj)
                obj = self._prep_object(c, topic)
                if obj is not None:
                    tgts.append(obj)
        if n.dep_ == "pobj" and n.head.lower_ == "for" and n.head.head.lemma_.lower() in self.words.blame_verbs:
            # "Pakistan blamed India for the attack", "arrested two men for the killing", "India was blamed for the
            # attack": the one blamed (praised, punished) did it, not the verb's subject
            srcs.extend(c for c in self._kids(n.head.head) if c.dep_ in ("dobj", "nsubjpass"))
        held = patient or lemma in self.words.holder_nouns or n.head.lower_ == "under"
        if held and n.dep_ == "pobj" and n.head.lower_ in ("in", "under") and n.head.head.pos_ in ("VERB", "AUX"):
            # "the New York resident remains in detention", "their forces came under attack": the subject
            # undergoes it
            subj, _ = self._subject(n.head.head)
            if subj is not None:
                tgts.append(subj)
        elif not core and not srcs and not (n.dep_ == "pobj" and n.head.lower_ in self.words.time_preps and not (
                self._noun_types(lemma) & PARTICIPANT_TYPES)) and (frame := self._frame_verb(n)) is not None:
            # "said during a visit to Beijing", "urged Farmajo to return to talks", "filed requests, along with
            # other demands", "create leverage for future negotiations": the clause's subject; under a ``time_prep``
            # for a meeting only ("said after talks with", but "called for calm after the clashes")
            if frame.pos_ in ("NOUN", "PROPN"):
                subj, passive = next((c for c in self._kids(frame) if c.dep_ == "poss"), None), False
            else:
                subj, passive = self._subject(frame)
            if subj is not None and not passive and self._actor_subject(subj, idx):
                srcs.append(subj)
        if n.dep_ == "dobj" and n.head.lemma_.lower() in ("blame", "pin"):
            # "Islamabad has blamed several recent attacks on militants": whom the blame is put on did it
            for p in (*kids, *self._kids(n.head)):
                if p.dep_ == "prep" and p.lower_ == "on":
                    blamed = [g for g in self._kids(p) if g.dep_ == "pobj"]
                    tgts = [t for t in tgts if t not in blamed]
                    srcs = blamed + srcs
        # "between Russia and North Korea": the second of a coordinated pair is not also a source
        srcs = [t for t in srcs if t not in tgts]
        return srcs, tgts

    def _reaction(self, v: Token) -> bool:
        """A verb whose pattern, in its frame, gives one of the ``REACTION_TYPES`` ("condemned", not "back
        off")."""
        pat = self.choose(v, "VERB")
        return pat is not None and self._pattern_type(pat) in REACTION_TYPES

    def _for_clause(self, c: Token) -> bool:
        """A "for X to ..." clause under a verb ("called for Israel to allow aid"): the parser hangs it as an
        adverbial clause with "for" as its marker; X is who is asked (the target of a request)."""
        return c.dep_ in ("advcl", "ccomp") and any(g.dep_ == "mark" and g.lower_ == "for" for g in self._kids(c))

    def _frame_agent(self, v: Token) -> list[Token]:
        """The by-agent of the event noun a passive verb happened in ("was ousted in a military coup led by X",
        "were killed in an attack carried out by X"): the one who did it."""
        for c in self._kids(v):
            if c.dep_ != "prep" or c.lower_ not in ("in", "during"):
                continue
            for n in self._kids(c):
                if n.dep_ != "pobj" or n.pos_ != "NOUN":
                    continue
                event = ("NOUN", n.lemma_.lower()) in self.kb.patterns
                # an event noun's by-agent, or the by-agent of a light verb on any noun ("a coup led by X")
                found = (self._by_agent(n) if event else []) or [
                    a for g in self._kids(n) if g.dep_ == "acl" and g.tag_ == "VBN"
                    and (event or g.lemma_.lower() in self.words.light_verbs) for a in self._by_agent(g)]
                if found:
                    return found[:1]
        return []

    def _name_parts(self, tok: Token) -> list[Token]:
        """The proper-noun compound modifiers of a proper-noun modifier ("Islamic" in "Islamic State violence")."""
        if tok.pos_ != "PROPN":
            return []
        return [c for c in self._kids(tok) if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < tok.i]

    def _moved_forces(self, subj: Token | None, pat: Pattern) -> bool:
        """The passive subject of a ``FORCE_TYPES`` trigger that is a role noun: the forces moved ("forces of the
        U.N. mission have been deployed"), not a side."""
        return (subj is not None and subj.pos_ == "NOUN" and self._pattern_type(pat) in FORCE_TYPES
                and (subj.lemma_.lower() in self.agents or subj.lower_ in self.agents))

    def _pattern_type(self, pat: Pattern) -> str:
        return pat.type or (self.kb.to_plover(pat.cameo) or ("",))[0]

    def _names_entity(self, tok: Token) -> bool:
        """An entity modifier or apposition names whose forces these are ("Chinese troops", "the Wagner forces")."""
        return any(c.dep_ in ("amod", "compound", "appos", "poss") and c.ent_type_ for c in self._kids(tok))

    def _topic_event(self, pat: Pattern) -> bool:
        """The pattern gives one of the ``TOPIC_TYPES`` (a meeting: its thing-object is what it is about)."""
        return (pat.type or (self.kb.to_plover(pat.cameo) or ("",))[0]) in TOPIC_TYPES

    def _thing(self, tok: Token, idx: TokenEntityIndex) -> bool:
        """A noun that names no actor itself (no entity at it, no pronoun, proper noun or role noun): "China's
        role", "the bailout package"."""
        if tok.pos_ != "NOUN" or idx.root.get(tok.i) or idx.inside.get(tok.i) or self._known_name(tok):
            return False
        lemma = tok.lemma_.lower()
        return not (lemma in self.agents or tok.lower_ in self.agents or lemma in self.words.actor_nouns)

    def _named_doer(self, noun: Token) -> bool:
        """An event noun whose doer is named on it: a possessor that is no pronoun ("Israel's attacks") or a name
        or demonym modifier ("Russian attacks", "Houthi strikes")."""
        return any((c.dep_ == "poss" and c.tag_ != "PRP$") or (c.dep_ in ("amod", "compound") and (
            c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG", "PERSON"))) for c in self._kids(noun))

    def _own_agents(self, obj: Token, pat: Pattern | None = None) -> bool:
        """A direct object that is no side of the event: the subject's own people ("recalled its ambassador",
        "withdrew their troops": a role noun of the actor dictionaries with a possessive pronoun, but not a
        ``counterpart_noun``: "met his Chinese counterpart"), an ``instrument_noun`` ("fired tear gas at"), or a
        ``content_noun`` ("seized power")."""
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.lemma_.lower() in self.words.instrument_nouns and not (
                pat is not None and self._pattern_type(pat) in REACTION_TYPES and self._named_doer(obj)):
            # "fired tear gas at protesters", "fired missiles into the sea": the means, not a side; but the named
            # doer of what a reaction verb reacts to is its target ("condemned Russian attacks", "Israel's attacks")
            return True
        if obj.dep_ == "dobj" and obj.pos_ == "NOUN" and (
                obj.lemma_.lower() in self.words.content_nouns or obj.lower_ in self.words.content_nouns):
            # "seized power", "normalize diplomatic relations", "denies the charges", "lifting a hunting ban": what
            # is done, not to whom ("lifted sanctions on Moscow", "upgrading India's ties with the island nation":
            # the object's own preposition names the target); "praised Haiti's efforts": a named possessor is the
            # target when no preposition names one ("took his campaign to" names none)
            kids = self._kids(obj)
            named = any(c.dep_ == "poss" and c.tag_ != "PRP$" for c in kids)
            return not named or any(c.dep_ == "prep" and c.lower_ in self.words.target_preps and c.i > obj.i
                                    for c in (*kids, *self._kids(obj.head)))
        if pat is not None and obj.dep_ == "dobj" and self._pattern_type(pat) in FORCE_TYPES:
            # "sent thousands of troops to Russia", "deployed 400 police officers", "withdrew forces": the
            # subject's own forces, moved, not a side
            heads = [obj, *(g for c in self._kids(obj) if c.dep_ == "prep" and c.lower_ == "of"
                            for g in self._kids(c) if g.dep_ == "pobj")]
            if any(h.pos_ == "NOUN" and (h.lemma_.lower() in self.agents or h.lower_ in self.agents)
                   and not self._names_entity(h) for h in heads):
                return True
        return (obj.dep_ == "dobj" and obj.pos_ == "NOUN" and obj.lemma_.lower() not in self.words.counterpart_nouns
                and (obj.lemma_.lower() in self.agents or obj.lower_ in self.agents)
                and any(c.dep_ == "poss" and c.lower_ in OWN_PRONOUNS for c in self._kids(obj)))

    def _noun_types(self, lemma: str) -> set[str]:
        """The PLOVER types the patterns of an event noun give."""
        return {p.type or (self.kb.to_plover(p.cameo) or ("",))[0] for p in self.kb.patterns.get(("NOUN", lemma), ())}

    def _frame_verb(self, n: Token) -> Token | None:
        """The verb whose clause frames an event noun: the noun is the object of a ``frame_prep`` hung on the
        verb ("said during a visit") or on a noun one or two steps below it ("filed requests, along with other
        demands", "told media during a visit to Quetta for a meeting"), or a noun on the way with a possessor
        ("his administration's plans for mass deportations": the possessor is the doer); None when the noun is
        what the verb is about (a direct object: "condemned the arrest")."""
        cur = n
        for _ in range(3):
            if cur.dep_ != "pobj" or cur.head.lower_ not in self.words.frame_preps:
                return None
            head = cur.head.head
            if head.dep_ == "prep" and head.pos_ == "ADP":
                head = head.head  # "along with other demands", "together with": a two-word preposition
            if head.pos_ in ("VERB", "AUX"):
                return head
            if head.pos_ not in ("NOUN", "PROPN", "ADV"):
                return None
            if any(c.dep_ == "poss" for c in self._kids(head)):
                # "his administration's plans for mass deportations": the possessor's noun, unless an event of
                # its own ("Pyongyang's demand for sanctions relief": the asker does not give the relief)
                return None if ("NOUN", head.lemma_.lower()) in self.kb.patterns else head
            if head.dep_ == "dobj" and head.head.pos_ in ("VERB", "AUX"):
                return head.head
            cur = head
        return None

    def _actor_subject(self, tok: Token, idx: TokenEntityIndex) -> bool:
        """A subject that can be an event noun's doer: actor-like, not itself an event or an instrument."""
        lemma = tok.lemma_.lower()
        return (self._actorlike(tok, idx) and ("NOUN", lemma) not in self.kb.patterns
                and lemma not in self.words.instrument_nouns)

    def _author(self, obj: Token) -> list[Token]:
        """Who made the thing a verb acts on, when the thing names no actor itself: the by-agent of the object noun
        or of its participle ("the allegations made by Pakistan", "decisions by the High Representative")."""
        if obj.pos_ != "NOUN" or obj.lemma_.lower() in self.agents or obj.lower_ in self.agents or (
                obj.lemma_.lower() in self.words.actor_nouns):
            return []
        found = self._by_agent(obj)
        for c in self._kids(obj):
            if not found and c.dep_ == "acl" and c.tag_ == "VBN":
                found = self._by_agent(c)
        return found

    def _by_agent(self, tok: Token) -> list[Token]:
        """The object of the "by" phrase (the passive agent) hung on ``tok``, if any."""
        for c in self._kids(tok):
            if c.dep_ in ("agent", "prep") and c.lower_ == "by":
                return [g for g in self._kids(c) if g.dep_ == "pobj"][:1]
        return []

    def _shared_right(self, v: Token, deps: tuple[str, ...]) -> Token | None:
        """The dependent a verb shares with the coordinated verb right after it, when it has none of ``deps``
        itself ("Police arrested and charged five men", "were arrested and charged by police": right-node
        raising): only a conjunction, adverbs or auxiliaries stand between the two verbs, and the second verb
        has no subject of its own."""
        kids = self._kids(v)
        if any(c.dep_ in deps for c in kids):
            return None
        conj = next((c for c in kids if c.dep_ == "conj" and c.pos_ == "VERB" and c.i > v.i), None)
        if conj is None or any(g.dep_ in ("nsubj", "nsubjpass") for g in self._kids(conj)):
            return None
        if not all(t.dep_ in RAISING_GAP for t in v.doc[v.i + 1: conj.i]):
            return None
        return next((g for g in self._kids(conj) if g.dep_ in deps), None)

    def _between(self, v: Token) -> tuple[Token, tuple[Token, ...]] | None:
        """ "fighting between rebels and C.A.R. forces": (the first of the pair, the others), or None."""
        prep = next((c for c in self._kids(v) if c.dep_ == "prep" and c.lower_ == "between"), None)
        pob = next((g for g in self._kids(prep) if g.dep_ == "pobj"), None) if prep is not None else None
        if pob is None or not pob.conjuncts:
            return None
        return pob, pob.conjuncts

    @staticmethod
    def _preposition(c: Token) -> bool:
        """A preposition or particle hung on a word: also the "to" of "provided weapons to Ukraine", which the
        parser labels ``dative``."""
        return c.dep_ in ("prep", "prt") or (c.dep_ == "dative" and c.pos_ == "ADP")

    def _prep_object(self, v: Token, topic: bool = False) -> Token | None:
        """The object of the first target preposition, but "for": "called for a ban", "a plea for reform" name
        what is asked, not whom; for a ``topic`` event not a ``topic_prep`` either ("talks on trade"); nor a date
        ("protested on Sunday against the law")."""
        for c in self._kids(v):
            if (self._preposition(c) and c.lower_ in self.words.target_preps and c.lower_ != "for"
                    and not (topic and c.lower_ in self.words.topic_preps)):
                pob = next((g for g in self._kids(c) if g.dep_ == "pobj"), None)
                if pob is not None and pob.ent_type_ not in NOT_ACTOR_ENTS:
                    return pob
        return None

    def _phrases(self, tok: Token | None, idx: TokenEntityIndex, actor: bool, taken: set[int]
                 ) -> list[ActorPhrase]:
        """The phrases a slot token names when no entity stands for it: the token and its coordinated
        neighbours ("protesters and journalists"), each from its left edge to its head noun. ``actor``: only
        words that stand for actors (a source: "police", "they", "the group"); a target may be a thing ("the
        move"). Dates, numbers and amounts are no sides."""
        if tok is None or (tok.dep_ == "pobj" and tok.head.lower_ == "for"):
            return []  # "requests for this hearing", "a call for full denuclearization": what is asked
        antecedent = relative_antecedent(tok)
        if antecedent is not None:
            tok = antecedent
        out = []
        # "between rebels and C.A.R. forces": the others are the target
        for t in (tok,) if tok.dep_ == "pobj" and tok.head.lower_ == "between" else (tok, *tok.conjuncts):
            if t.i in taken or t.pos_ not in ("NOUN", "PROPN", "PRON", "NUM") or t.ent_type_ in NOT_ACTOR_ENTS:
                continue
            if t.pos_ == "PRON" and actor and t.lower_ not in self.words.actor_pronouns and t.lower_ != "it":
                continue
            if actor and (not self._actorlike(t, idx) or t.lemma_.lower() in self.words.instrument_nouns
                          or ("NOUN", t.lemma_.lower()) in self.kb.patterns):
                continue  # "the airstrikes killed", "their abduction triggered condemnation": no actor
            lefts = [c for c in t.lefts if c.dep_ in PHRASE_MODIFIERS]
            start = min([c.left_edge.i for c in lefts] + [t.i])
            for k in range(start, t.i):
                w = t.doc[k]
                if w.pos_ in ("VERB", "AUX") or (k > start and w.lower_ in ("the", "a", "an") and w.is_title):
                    start = k + (w.pos_ in ("VERB", "AUX"))  # no verbs; "Nuclear talk body The new body": a headline
            while start < t.i and (t.doc[start].is_punct or t.doc[start].dep_ == "cc"):
                start += 1
            span = t.doc[start: t.i + 1]
            code = self.agents.get(t.lower_) or self.agents.get(t.lemma_.lower())
            taken.add(t.i)
            out.append(ActorPhrase(span.start_char, span.end_char, span.text,
                                   parse_code(code)[1] if code else None))
        return out
