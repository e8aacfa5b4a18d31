"""``newsgraph_events_v1``: PLOVER events (who did what to whom) from verb and noun patterns over the parse.

Patterns: ``knowledge/event_patterns.tsv`` (hand-curated, wins) and ``knowledge/petrarch_verbs.tsv`` (the
PETRARCH2 CAMEO verb dictionary, converted). A pattern names a trigger lemma and optional constraints on its
particle, direct object and prepositional phrase, and gives a CAMEO code; ``knowledge/cameo_plover.tsv`` turns
the code into a PLOVER type, mode and context. The most specific matching pattern wins, hand patterns first.

Arguments come from the dependency parse: source = subject (the by-agent of a passive; the antecedent of a
relative pronoun; the controller of an infinitive), target = direct object, object predicate, or the object of
a target preposition; coordinated actors all count; a passive without a by-agent has no source (not invented).
Events inside quotes or reported speech keep the speaker as ``reporter``; a first-person subject ("We urged")
stands for the reporter. Expressions of intent ("will release", "promised to withdraw") keep their type (CAMEO
code 03x), threats of force ("will attack") become THREATEN, as CAMEO codes them; both are flagged hypothetical.
Every event carries its trigger, sentence offsets, the pattern id (``rule``), its own date or the publication
date, its place, and a confidence (``knowledge/models/event_confidence.json``).

Actors: a hand-curated trigger is also coded when its subject is an actor the entities missed (a pronoun, a role
or group noun: rule suffix ``+nominal``) or when no actor is named ("16 terrorists were killed": ``+none``),
except for the ``needs_actor`` words of ``knowledge/event_words.tsv``; its confidence reflects that. A side no
entity stands for is kept as an actor phrase (``source_phrases``/``target_phrases``: "Police arrested the
protesters" -> "Police" (COP), "the protesters"), with the sector its head noun has in the actor dictionaries'
agents; the phrases are not entities, so the entity lists stay names (see ``event_slots``). A side whose entity
was reached through a reference ("they", "we", "critics who ...", "the bomber in Iraq") also keeps the phrase that
names it in the sentence.
"""

from __future__ import annotations

import logging
from dataclasses import replace

import numpy as np
from spacy.attrs import LEMMA, POS
from spacy.language import Language
from spacy.symbols import ADJ, AUX, NOUN, VERB
from spacy.tokens import Doc, Span, Token

from newsgraph.nlp.actors import load_actor_knowledge
from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.event_arguments import EventArguments
from newsgraph.nlp.event_confidence import confidence_features, event_confidence
from newsgraph.nlp.event_knowledge import BARE_DEPS, Pattern, load_event_knowledge, load_event_words, load_senses
from newsgraph.nlp.idsets import id_set, member
from newsgraph.nlp.speakers import TokenEntityIndex, relative_antecedent
from newsgraph.records import ActorPhrase, Event, Offsets, TextSpan

LOGGER = logging.getLogger(__name__)

COOPERATIVE = {"AGREE", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "CONSULT"}
#: CAMEO 03x "express intent to ..." for cooperative types, 13x threats for forceful ones
INTENT_CODES = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033", "CONCEDE": "035",
                "RETREAT": "035", "AGREE": "030"}
#: the event types done together: a pair as the subject ("Kim and Putin held a summit", "Hamas and Israel agreed")
#: is source and target
PAIR_TYPES = frozenset({"CONSULT", "COOPERATE", "AGREE"})
THREAT_CODES = {"ASSAULT": "138", "COERCE": "137", "MOBILIZE": "138", "SANCTION": "131", "PROTEST": "133"}


# ------------------------------------------------------------------------------------------------------------


@Language.factory(
    "newsgraph_events_v1",
    default_config={"knowledge_dir": None, "require_argument": True},
    assigns=["doc._.ng_events"],
    requires=[
        "doc._.ng_entities", "doc._.ng_dates", "doc._.ng_places", "doc._.ng_quotes", "token.dep", "token.lemma",
        "token.pos", "token.tag", "doc.sents",
    ],
)
def make_events(nlp: Language, name: str, knowledge_dir: str | None, require_argument: bool) -> EventsComponent:
    register_extensions()
    return EventsComponent(nlp, knowledge_dir, require_argument)


class EventsComponent(EventArguments):
    def __init__(self, nlp: Language, knowledge_dir: str | None = None, require_argument: bool = True) -> None:
        self.kb = load_event_knowledge(knowledge_dir)
        self.require_argument = require_argument
        self.senses = load_senses(knowledge_dir)
        self.words = load_event_words(knowledge_dir)
        actor_kb = load_actor_knowledge(knowledge_dir)
        self.agent_heads = frozenset(actor_kb.heads)
        self.agents = actor_kb.agents  # role noun -> CAMEO agent code: the sector of an actor phrase
        #: one-word names of the actor dictionaries ("trump", "ecowas"): a capitalised "common noun" that is an actor
        self.one_word_names = frozenset(p for d in (actor_kb.actors, actor_kb.countries) for p in d if " " not in p)
        # trigger candidates are found with one vectorised lookup over the lemma/POS array of the doc
        strings = nlp.vocab.strings
        verbs = {lemma for pos, lemma in self.kb.patterns if pos == "VERB"}
        nouns = {lemma for pos, lemma in self.kb.patterns if pos == "NOUN"}
        self.verb_ids = id_set(strings, verbs)
        self.noun_ids = id_set(strings, nouns)
        self.verb_pos = np.array([VERB, AUX], dtype=np.uint64)
        self._children: dict[int, tuple[Token, ...]] = {}  # token index -> children, for the current doc
        self.dep = {label: strings.add(label) for label in (
            "dobj", "attr", "dative", "nsubjpass", "oprd", "prep", "agent", "prt", "pobj", "pcomp", "compound")}
        self.obj_deps = {self.dep[label] for label in ("dobj", "attr", "dative", "nsubjpass")}
        # candidates ranked most specific first (stable, so file order breaks ties): the first that fits is the
        # best. Patterns that only name objects are indexed by object word (word -> best rank); the rest are
        # tried in rank order.
        self.ranked: dict[tuple[str, str], tuple[list[Pattern], dict[str, int], list[tuple[int, Pattern]],
                                                 list[tuple[int, Pattern]]]] = {}
        # a lemma is hand-curated when a hand pattern takes any object: "opened fire" (an object-constrained
        # pattern) does not let PETRARCH's "opened the bridge" be coded with a role-noun subject
        self.hand_lemmas = {key for key, pats in self.kb.patterns.items()
                            if any(p.hand and p.cameo not in ("", "---") and not p.obj for p in pats)}
        for key, pats in self.kb.patterns.items():
            ranked = sorted(self._hand_first(pats), key=lambda p: p.specificity, reverse=True)
            by_obj: dict[str, int] = {}
            rest: list[tuple[int, Pattern]] = []
            for rank, p in enumerate(ranked):
                if p.obj and not (p.particle or p.prep or p.pobj):
                    for w in p.obj:
                        by_obj.setdefault(w, rank)
                else:
                    rest.append((rank, p))
            # without any prepositional phrase only the patterns that ask for none can fit
            no_prep = [(rank, p) for rank, p in rest if not (p.prep or p.pobj)]
            self.ranked[key] = (ranked, by_obj, rest, no_prep)

    def _hand_first(self, pats: list[Pattern]) -> list[Pattern]:
        """A lemma with a hand-curated catch-all pattern ("reject" -> REJECT) keeps only the PETRARCH patterns
        that give the same PLOVER type (a finer CAMEO code); the others ("rejected the resolution" -> no event,
        "condemned the arrest" -> another type) are dropped, as a hand pattern wins over the PETRARCH entry."""
        def type_of(p: Pattern) -> str:
            hit = self.kb.to_plover(p.cameo) if p.cameo not in ("", "---") else None
            return (p.type or hit[0]) if hit is not None else ""

        # a hand pattern that names only its particle ("call for", "call on") is the catch-all of that frame: the
        # PETRARCH entries of the frame ("call for ceasefire", "call for talks") keep their CAMEO code under the
        # hand pattern's id when they give its type, and give way to it when they do not
        framed: set[str] = set()  # ids of the hand frame patterns PETRARCH entries now report
        for frame in (p for p in pats if p.hand and p.particle and not (p.obj or p.prep or p.pobj)
                      and p.cameo not in ("", "---")):
            def inside(p: Pattern, frame: Pattern = frame) -> bool:
                return not p.hand and p.id not in framed and (
                    p.particle == frame.particle or frame.particle in p.prep)
            pats = [replace(p, id=frame.id) if inside(p) else p for p in pats
                    if not inside(p) or type_of(p) == type_of(frame)]
            framed.add(frame.id)
        general = [p for p in pats if p.hand and not (p.obj or p.prep or p.pobj or p.particle)]
        if not general or general[0].cameo in ("", "---"):
            return pats
        typ = type_of(general[0])
        # the finer PETRARCH entries keep their CAMEO code but report the hand pattern: the lemma and the type are
        # the hand-curated ones ("condemned the attack" is acc.condemn with CAMEO 111, not a PETRARCH guess)
        return [p if p.hand or p.id in framed else replace(p, id=general[0].id) for p in pats
                if p.hand or p.id in framed or type_of(p) == typ]

    def triggers(self, doc: Doc) -> list[tuple[int, str]]:
        """(token index, "VERB"|"NOUN") of every token whose lemma and part of speech some pattern names."""
        if not len(doc):
            return []
        arr = doc.to_array([LEMMA, POS]).astype(np.uint64, copy=False)
        pos = arr[:, 1]
        verb = ((pos == VERB) | (pos == AUX)) & member(arr[:, 0], self.verb_ids)
        noun = (pos == NOUN) & member(arr[:, 0], self.noun_ids)
        return [(int(i), "VERB" if verb[i] else "NOUN") for i in np.flatnonzero(verb | noun)]

    def _kids(self, tok: Token) -> tuple[Token, ...]:
        """``tok.children``, built once per token of the document being processed (spaCy makes new Tokens)."""
        kids = self._children.get(tok.i)
        if kids is None:
            kids = self._children[tok.i] = tuple(tok.children)
        return kids

    def perfect_state(self, tok: Token) -> bool:
        """A verb in the perfect with a ``state_prep`` phrase ("has retreated from leading roles since 2013", "have
        been attacking ... since 2011"): a state or a span of time summed up, not one event to count."""
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        if tok.tag_ == "VBN" and any(c.dep_ == "dobj" for c in self._kids(tok)):
            # "the security forces have arrested at least 2,400 people since February 1", "Pyongyang has shipped
            # 10,000 containers since": a simple perfect with an object counts actions, and the guidelines code them
            return False
        # coordinated verbs share the auxiliary and the phrase ("has been attacking and fighting ... since 2011")
        verbs = [tok, *tok.conjuncts]
        kids = [c for v in verbs for c in self._kids(v)]
        return (any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" for c in kids)
                and any(c.dep_ in ("prep", "mark", "advcl") and c.lower_ in self.words.state_preps for c in kids))

    def _past(self, tok: Token) -> bool:
        """A verb in the past or the perfect ("did not invite", "never supported", "have never met")."""
        if tok.pos_ not in ("VERB", "AUX"):
            return False
        kids = self._kids(tok)
        return tok.tag_ == "VBD" or any(c.dep_ == "aux" and ((c.tag_ == "VBD" and c.lemma_ == "do") or (
            c.lemma_ == "have" and tok.tag_ == "VBN")) for c in kids)

    def non_event_sense(self, tok: Token, pos: str) -> bool:
        """True when the trigger's lemma and frame are listed in event_senses.tsv (no event reported)."""
        rows = self.senses.get(tok.lemma_.lower())
        if not rows:
            return False
        kids = self._kids(tok)
        for kind, words in rows:
            if kind == "any" or (kind == "noun" and pos == "NOUN") or (kind == "verb" and pos == "VERB"):
                return True
            if kind == "bare" and not any(c.dep_ in BARE_DEPS for c in kids):
                return True
            if kind == "prep" and any(c.dep_ in ("prep", "agent") and c.lower_ in words for c in kids):
                return True
            if kind == "prt" and any(c.dep_ == "prt" and c.lower_ in words for c in kids):
                return True
            if kind == "obj":
                for c in kids:
                    if c.dep_ in ("dobj", "nsubjpass", "pobj") or c.dep_ == "prep":
                        if "*" in words and c.dep_ == "dobj":
                            return True  # obj:*: any direct object ("demonstrated the value": not a protest)
                        heads = [c] if c.dep_ != "prep" else [g for g in self._kids(c) if g.dep_ == "pobj"]
                        for h in heads:
                            if h.lemma_.lower() in words or any(
                                    g.dep_ in ("compound", "amod") and g.lemma_.lower() in words
                                    for g in self._kids(h)):
                                return True
        return False

    # ---- pattern choice --------------------------------------------------------------------------------------
    def choose(self, tok: Token, pos: str) -> Pattern | None:
        entry = self.ranked.get((pos, tok.lemma_.lower()))
        if entry is None:
            return None
        ranked, by_obj, rest, no_prep = entry
        objs: set[str] = set()
        preps: list[tuple[str, set[str]]] = []
        particles: set[str] = set()
        dep = self.dep  # label -> id: compare ints, not strings looked up per token
        oprd, prep, pobj = dep["oprd"], dep["prep"], dep["pobj"]
        if pos == "VERB" and tok.dep_ == "relcl":
            # "the sanctions Washington has imposed": the noun the clause modifies is the verb's object
            objs.update((tok.head.lemma_.lower(), tok.head.lower_))
        elif pos == "VERB" and tok.dep_ == "acl" and tok.tag_ == "VBN" and not self._has_object(tok):
            # "migrants sent to Guantanamo": the noun a passive participle modifies is what it acts on
            objs.update((tok.head.lemma_.lower(), tok.head.lower_))
        for c in self._kids(tok):
            d = c.dep
            if pos == "NOUN" and d == dep["compound"]:
                objs.add(c.lemma_.lower())  # "sanctions relief": a noun pattern's obj names its modifier
            if d in self.obj_deps or (d == oprd and c.pos != ADJ):
                for x in (c, *c.conjuncts):
                    objs.update((x.lemma_.lower(), x.lower_))
                    # "suspended aid deliveries", "a state of emergency": the modifier names the thing
                    for g in self._kids(x):
                        gd = g.dep
                        if gd == dep["compound"]:
                            objs.add(g.lemma_.lower())
                        elif gd == prep and g.lower_ == "of":
                            objs.update(gg.lemma_.lower() for gg in self._kids(g) if gg.dep == pobj)
                if d == oprd:
                    objs.add("@oprd")
            elif d == prep or d == dep["agent"]:
                pob = [g for g in self._kids(c) if g.dep == pobj or g.dep == dep["pcomp"]]
                if pob and all(g.ent_type_ in ("DATE", "TIME") for g in pob):
                    continue  # "an open-ended strike on Monday": a date names no side nor frame of a pattern
                preps.append((c.lower_, {w for g in pob for w in (g.lemma_.lower(), g.lower_)}))
                particles.add(c.lower_)
            elif d == dep["prt"]:
                particles.add(c.lower_)
            elif pos == "VERB" and self._for_clause(c):
                particles.add("for")  # "called for Israel to allow aid": "for" marks the clause, as "call for"
        best = min((r for r in map(by_obj.get, objs) if r is not None), default=len(ranked))
        prep_words = {prep for prep, _ in preps}
        pobj_words = {w for _, words in preps for w in words}
        for rank, p in rest if preps else no_prep:
            if rank >= best:
                break
            if p.particle and p.particle not in particles:
                continue
            if p.obj and not (p.obj & objs):
                continue
            if p.prep or p.pobj:
                # cheap necessary conditions first: some preposition and some prepositional object fit at all
                if (p.prep and p.prep.isdisjoint(prep_words)) or (p.pobj and p.pobj.isdisjoint(pobj_words)):
                    continue
                ok = any((not p.prep or prep in p.prep) and (not p.pobj or (p.pobj & words)) for prep, words in preps)
                if not ok:
                    continue
            return p
        return ranked[best] if best < len(ranked) else None

    # ---- speech ------------------------------------------------------------------------------------------------
    def _reporter(self, v: Token, idx: TokenEntityIndex, quotes: list) -> list[str]:
        for q in quotes:
            if q.start <= v.idx < q.end and q.speaker is not None:
                ids = list(q.speaker.entities) or ([q.speaker.entity] if q.speaker.entity else [])
                if ids:
                    return ids
        cur = v
        while cur.pos_ not in ("VERB", "AUX") and cur.head.i != cur.i:
            cur = cur.head  # a nominal event: its clause's verb ("the recruitment ... continues, said X")
        for _ in range(6):
            for c in self._kids(cur):
                if c.dep_ == "prep" and c.lemma_ == "accord":
                    to = next((g for g in self._kids(c) if g.lower_ == "to"), None)
                    pob = next((g for g in self._kids(to) if g.dep_ == "pobj"), None) if to is not None else None
                    if pob is not None:
                        return self._ids(pob, idx, [])
            if cur.head.i == cur.i:
                break
            if cur.dep_ in ("ccomp", "parataxis") and cur.head.lemma_ in self.words.speech_verbs:
                subj = next((c for c in self._kids(cur.head) if c.dep_ == "nsubj"), None)
                return self._ids(subj, idx, [])
            if cur.dep_ not in ("conj", "xcomp", "ccomp", "advcl", "relcl"):
                break
            cur = cur.head
        return []

    # ---- the component -----------------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        events = get_list(doc, "ng_events")
        events.clear()
        self._children = {}
        entities = get_list(doc, "ng_entities")
        idx = TokenEntityIndex(doc, entities)
        dates = get_list(doc, "ng_dates")
        places = get_list(doc, "ng_places")
        quotes = get_list(doc, "ng_quotes")
        published = doc._.ng_published
        verb_heads: dict[int, str] = {}
        noun_events: dict[int, str] = {}  # token index -> type of the event nouns coded so far
        shown_nouns: set[int] = set()  # the event nouns a light verb's event is reported by
        for start, pos in self.triggers(doc):
            tok = doc[start]
            if tok.dep_ == "amod":
                continue  # "the captured soldiers": a state described, not an event reported
            if self.non_event_sense(tok, pos) or self.perfect_state(tok):
                continue  # "served as president", "wants to", "appeal to voters": event_senses.tsv
            pat = self.choose(tok, pos)
            if pat is None or pat.cameo in ("", "---"):
                continue
            mapped = self.kb.to_plover(pat.cameo)
            if mapped is None:
                continue
            typ, mode, context = mapped
            typ, mode = pat.type or typ, pat.mode or mode
            if pos == "NOUN" and tok.dep_ == "compound":
                continue  # a modifier: "detention center", "protest leaders", "sanctions relief" (the head's event)
            if pos == "NOUN" and (tok.i in shown_nouns or (
                    verb_heads.get(tok.head.i) == typ and tok.dep_ in ("dobj", "pobj", "nsubjpass"))):
                continue  # "launched an attack", "launched dozens of attacks": the verb event says it already
            if pos == "VERB" and tok.lemma_.lower() in self.words.light_verbs and any(
                    noun_events.get(n.i) == typ for n in (
                        *(c for c in self._kids(tok) if c.dep_ in ("dobj", "nsubjpass")),
                        *((tok.head,) if tok.dep_ in ("relcl", "acl") else ()))):
                # "the sanctions Washington has imposed", "the sanctions imposed by Washington", "the attack was
                # carried out by": the noun coded before its light verb is the event, with the clause's sides
                continue
            cameo = pat.cameo
            reporter = self._reporter(tok, idx, quotes)
            source, target = self._arguments(tok, pat, idx, reporter, core=True)
            passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in self._kids(tok)) or (
                tok.dep_ == "acl" and tok.tag_ == "VBN" and not self._has_object(tok))
            target = [t for t in target if t not in source]  # never the same actor on both sides
            actor = self._actor_evidence(tok, pos, pat, idx, source, target, passive)
            if actor is None:
                continue
            # whether the event is coded, and its confidence, rest on the core slots; the looser ones ("said during
            # a visit", "fighting between A and B") only fill in a side the core slots left empty
            core_sides = bool(source), bool(target)
            if not (source and target):
                wide_source, wide_target = self._arguments(tok, pat, idx, reporter, core=False)
                source = source or wide_source
                target = target or [t for t in wide_target if t not in source]
            negated = any(c.dep_ == "neg" or (c.dep_ in ("advmod", "npadvmod", "dobj") and c.lower_ in
                                               self.words.negative_adverbs) for c in self._kids(tok))
            hypothetical, intent = self._modality(tok)
            rule = pat.id if actor == "entity" else f"{pat.id}+{actor}"
            obliged = any(c.dep_ == "aux" and c.lower_ in ("must", "should") for c in self._kids(tok))
            if obliged and reporter and pos == "VERB" and not negated:
                # "Russia said Sudan must return the helicopter": the reporter demands it of the subject (CAMEO 10)
                source, target, typ, cameo, mode, rule = list(reporter), source, "REQUEST", "100", "", rule + "+must"
                reporter = []
            elif negated and typ in COOPERATIVE and not self._past(tok):
                # "will not accept refugees", "does not recognize the court": refusing cooperation is a rejection
                # (CAMEO 12); a past one that did not happen ("did not invite", "never met") keeps its type, flagged
                # negated, as the events-voa guidelines say
                typ, cameo, mode, negated, rule = "REJECT", "120", "", False, rule + "+negation"
            elif intent and typ in INTENT_CODES and typ != "AGREE":
                # "will release", "promised to withdraw": the promised action keeps its type, flagged hypothetical
                # (events-voa GUIDELINES); the promise itself ("promised") is the AGREE event. CAMEO: 03x.
                cameo = INTENT_CODES[typ]
            elif intent and typ in THREAT_CODES and not negated:
                cameo, typ, mode = THREAT_CODES[typ], "THREATEN", ""
            if pos == "VERB":
                verb_heads[tok.i] = typ
            else:
                noun_events[tok.i] = typ
            # "launched 504 attacks", "held a summit": the event noun is the action word (the trigger), the light
            # verb gives its sides
            shown = self._event_object(tok, pos, typ) or tok
            shown_nouns.add(shown.i)
            if shown is not tok and not pat.hand and cameo == pat.cameo:
                # "launched an investigation into", "launched airstrikes against": a PETRARCH guess for the light
                # verb gives way to the hand pattern of its event noun of the same type (the event it reports)
                noun_pat = self.choose(shown, "NOUN")
                if noun_pat is not None and noun_pat.hand and self._pattern_type(noun_pat) == typ:
                    rule, cameo = noun_pat.id + rule[len(pat.id):], noun_pat.cameo
            source_phrases: list[ActorPhrase] = []
            target_phrases: list[ActorPhrase] = []
            if not rule.endswith("+must"):
                srcs, tgts = self._slots(tok, pat, idx)
                taken = {tok.i, *(t.i for t in self._path(shown, tok))}
                if shown is not tok and not target:
                    # "launched dozens of attacks on ships": the noun's own target when the verb names none
                    noun_tgts = self._noun_slots(shown, idx)[1]
                    target = next((ids for ids in ([i for i in self._ids(t, idx, reporter) if i not in source]
                                                   for t in noun_tgts) if ids), [])
                    tgts = [t for t in tgts if t.i not in taken] + noun_tgts
                source_phrases = self._side_phrases(srcs, source, idx, reporter, True, taken)
                target_phrases = self._side_phrases(tgts, target, idx, reporter, False, taken)
                if typ in PAIR_TYPES and srcs and not (target or target_phrases):
                    source, target, source_phrases, target_phrases = self._split_pair(
                        srcs[0], idx, reporter, source, source_phrases)
            sent = tok.sent
            date, date_source = self._date(tok, sent, dates, published)
            events.append(Event(
                type=typ,
                trigger=TextSpan(shown.idx, shown.idx + len(shown.text), shown.text),
                sentence=Offsets(sent.start_char, sent.end_char),
                mode=mode or None,
                context=list(context),
                cameo=cameo,
                source=source,
                target=target,
                place=self._place(tok, sent, places),
                date=date,
                negated=negated,
                hypothetical=hypothetical,
                rule=rule,
                date_source=date_source,
                reporter=list(reporter),
                confidence=event_confidence(confidence_features(
                    typ, rule, shown.text, *core_sides, hypothetical, negated, bool(reporter),
                    pos)),
                source_phrases=source_phrases,
                target_phrases=target_phrases,
            ))
        self._children = {}  # holds Tokens, hence the doc: let it go
        return doc

    def _event_object(self, v: Token, pos: str, typ: str) -> Token | None:
        """The event noun a ``light_verb`` trigger takes as its object, when it gives the verb's type ("launched
        504 attacks", "held a summit", "imposed restrictions"): the action word the event is reported by."""
        if pos != "VERB" or v.lemma_.lower() not in self.words.light_verbs:
            return None
        for c in self._kids(v):
            if c.dep_ not in ("dobj", "nsubjpass"):
                continue
            if c.pos_ == "NOUN" and self._noun_type(c) == typ:
                return c
            if c.pos_ in ("NOUN", "NUM") and (c.pos_ == "NUM" or self._noun_type(c) is None):
                # "launched dozens of attacks", "held a round of talks": the event noun under the quantity
                for g in self._kids(c):
                    if g.dep_ == "prep" and g.lower_ == "of":
                        n = next((x for x in self._kids(g) if x.dep_ == "pobj"), None)
                        if n is not None and n.pos_ == "NOUN" and self._noun_type(n) == typ:
                            return n
        return None

    @staticmethod
    def _path(tok: Token, top: Token) -> list[Token]:
        """``tok`` and its heads up to (not including) ``top``."""
        out = [tok]
        while out[-1].i != top.i and out[-1].head.i != out[-1].i and len(out) < 4:
            out.append(out[-1].head)
        return [t for t in out if t.i != top.i]

    def _noun_type(self, tok: Token) -> str | None:
        """The PLOVER type the noun patterns give ``tok`` in its frame, or None."""
        pat = self.choose(tok, "NOUN")
        if pat is None or pat.cameo in ("", "---"):
            return None
        mapped = self.kb.to_plover(pat.cameo)
        return (pat.type or mapped[0]) if mapped else None

    def _side_phrases(self, slots: list[Token], ids: list[str], idx: TokenEntityIndex, reporter: list[str],
                      actor: bool, taken: set[int]) -> list[ActorPhrase]:
        """The actor phrases of one side: for a side no entity stands for, the phrase of its first slot that names
        one ("Police arrested"); for a side whose entity was reached through a reference ("they", "we", "him", "the
        suicide bomber in Iraq"), the words of the sentence that name it, so the side keeps its mention there."""
        if not ids:
            for t in slots:
                phrases = self._phrases(t, idx, actor, taken)
                if phrases:
                    return phrases
            return []
        for t in slots:
            if not set(self._ids(t, idx, reporter)) & set(ids):
                continue
            if any(idx.root.get(x.i) or idx.inside.get(x.i) for x in (t, *t.conjuncts)):
                return []  # an entity mention is the slot itself
            return self._phrases(t, idx, False, taken)
        return []

    def _actor_evidence(self, tok: Token, pos: str, pat: Pattern, idx: TokenEntityIndex, source: list[str],
                        target: list[str], passive: bool) -> str | None:
        """Why an actor can be said to take part: ``entity`` (an entity source, or a target where no subject is
        expected), ``nominal`` (the subject is an actor the entities missed: "Opposition lawmakers denounced",
        "they rejected"), ``none`` (a hand-curated trigger with no actor named: "16 terrorists were killed", "the
        bombing"); None: not coded ("Storms attacked Georgia"; a PETRARCH verb with no entity around it)."""
        if not self.require_argument:
            return "entity" if source or target else "none"
        if not (source or target) and tok.lemma_.lower() in self.words.needs_actor:
            # "the activist was released by police": a verb's actor the entities missed (an event noun keeps the
            # guard: "a threat to their integrity", "a request for updates"; so does a participle describing a noun:
            # "an agreement among Kenya and the UNHCR supporting refugees returning" says what the agreement is)
            srcs, tgts = self._slots(tok, pat, idx) if pos == "VERB" and tok.dep_ != "acl" else ([], [])
            if not any(self._actorlike(t, idx) for t in (*srcs, *tgts)):
                return None
            return "nominal"
        # a PETRARCH object pattern kept under a hand-curated lemma ("civilians were killed") counts as hand
        hand = pat.hand or (pos, tok.lemma_.lower()) in self.hand_lemmas
        if pos == "VERB" and not passive:
            if source:
                return "entity"
            subj, _ = self._subject(tok)
            if subj is not None:
                # "the countries that agreed": a relative pronoun stands for its antecedent
                subj = relative_antecedent(subj) or subj
                return "nominal" if hand and self._actorlike(subj, idx) else None
            if not hand:
                return None
            return "entity" if target else "none"
        if source or target:
            return "entity"
        return "none" if hand else None

    def _actorlike(self, tok: Token, idx: TokenEntityIndex) -> bool:
        """A subject that stands for an actor though no entity covers it: a personal pronoun, a role or group
        noun of the actor dictionaries ("lawmakers", "the administration", "militants"), a proper noun, or a
        noun with an entity modifier ("Sharif's administration")."""
        if tok.lower_ in self.words.actor_pronouns or tok.pos_ == "PROPN":
            return True
        if tok.lower_ == "it" and tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp" and (
                tok.head.head.lemma_.lower() in self.words.speech_verbs):
            # "the group said it had kidnapped two aid workers": "it" is the reporting subject
            said = next((c for c in self._kids(tok.head.head) if c.dep_ == "nsubj"), None)
            return said is not None and said.lower_ != "it" and self._actorlike(said, idx)
        if tok.pos_ in ("NUM", "NOUN") and any(
                c.dep_ == "prep" and c.lower_ == "of" and any(
                    g.dep_ == "pobj" and g.i != tok.i and self._actorlike(g, idx) for g in self._kids(c))
                for c in self._kids(tok)):
            return True  # "hundreds of protesters", "dozens of soldiers"
        if tok.pos_ != "NOUN":
            return False
        if self._known_name(tok):
            return True
        lemma = tok.lemma_.lower()
        if lemma in self.agent_heads or tok.lower_ in self.agent_heads or lemma in self.words.actor_nouns:
            return True
        if ("NOUN", lemma) in self.kb.patterns:
            return True  # "a roadside bomb blast killed 11 miners": an event noun as the subject
        return any(c.dep_ in ("poss", "compound", "amod") and (idx.root.get(c.i) or idx.inside.get(c.i))
                   for c in self._kids(tok))

    def _known_name(self, tok: Token) -> bool:
        """A capitalised word the tagger took for a common noun that names an actor: a one-word name of the actor
        dictionaries ("Trump met with Kim", "praising ECOWAS") or an acronym ("ICE deported 177 detainees")."""
        text = tok.text
        if not text[:1].isupper() or not text.isalpha():
            return False
        return tok.lower_ in self.one_word_names or (text.isupper() and 2 <= len(text) <= 6)

    def _modality(self, v: Token) -> tuple[bool, bool]:
        """(hypothetical, expressed intent): modals, conditionals, and verbs of intent governing the trigger."""
        modal = any(c.dep_ == "aux" and c.lower_ in self.words.modals for c in self._kids(v))
        cond = any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in self._kids(v))
        intent_head = v.dep_ == "xcomp" and (
            v.head.lemma_.lower() in self.words.intent_heads
            or any(c.lemma_.lower() in self.words.intent_heads for c in self._kids(v.head) if c.dep_ == "acomp")
        )
        if v.dep_ == "xcomp" and v.head.pos_ == "ADJ" and v.head.lemma_.lower() in self.words.intent_heads:
            intent_head = True
        # "demanded that Russia withdraw", "urged Kyiv to negotiate", "wants to meet": asked for, not done
        asked = v.dep_ in ("ccomp", "xcomp") and v.head.lemma_.lower() in self.words.hypothetical_heads
        cond = cond or asked
        future = any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "wo", "would", "shall") for c in self._kids(v))
        passive = any(c.dep_ == "auxpass" for c in self._kids(v))
        return modal or cond or intent_head, (intent_head or future) and not passive

    @staticmethod
    def _date(tok: Token, sent: Span, dates: list, published: str | None) -> tuple[str | None, str | None]:
        own = [d for d in dates if sent.start_char <= d.start < sent.end_char]
        if own:
            best = min(own, key=lambda d: abs(d.start - tok.idx))
            return best.value, "own"
        if published:
            return published, "published"
        return None, None

    @staticmethod
    def _place(tok: Token, sent: Span, places: list) -> int | None:
        best, dist = None, None
        for i, p in enumerate(places):
            if sent.start_char <= p.start < sent.end_char:
                d = abs(p.start - tok.idx)
                if dist is None or d < dist:
                    best, dist = i, d
        return best
