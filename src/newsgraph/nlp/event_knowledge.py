"""The events component's knowledge: trigger patterns, senses that report no event, and its word lists.

``knowledge/event_patterns.tsv`` (hand-curated patterns, which win), ``knowledge/petrarch_verbs.tsv`` (the PETRARCH2
CAMEO verb dictionary, converted), ``knowledge/cameo_plover.tsv`` (CAMEO code -> PLOVER type, mode, context),
``knowledge/event_senses.tsv`` (trigger senses that report no event) and ``knowledge/event_words.tsv`` (the word
lists the coder reads); a user's ``knowledge_dir`` adds rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsgraph.nlp.knowledge import load_kinds, load_table

PETRARCH_COLUMNS = ("kind", "block", "lemma", "particle", "obj", "prep", "pobj", "cameo")
PATTERN_COLUMNS = ("id", "pos", "lemma", "particle", "obj", "prep", "pobj", "cameo", "type", "mode")

WORD_KINDS = ("speech_verb", "target_prep", "modal", "intent_head", "locative_prep", "object_control",
              "actor_pronoun", "actor_noun", "hypothetical_head", "negative_adverb", "needs_actor", "state_prep",
              "patient_noun", "noun_source_prep", "away_noun", "agent_of_noun", "blame_verb", "light_verb",
              "instrument_noun", "frame_prep", "holder_noun", "recipient_verb", "benefit_verb",
              "topic_prep", "counterpart_noun", "threat_noun", "aimed_prep", "time_prep", "content_noun",
              "motion_verb")

@dataclass(frozen=True, slots=True)
class EventWords:
    """The word lists analysts may edit (knowledge/event_words.tsv; a user's knowledge_dir file adds rows)."""

    speech_verbs: frozenset[str]
    target_preps: frozenset[str]
    modals: frozenset[str]
    intent_heads: frozenset[str]
    locative_preps: frozenset[str]
    object_control: frozenset[str]  # "urged citizens to stay": the object is the subject of the infinitive
    actor_pronouns: frozenset[str]  # "they rejected": a pronoun subject that stands for an actor
    actor_nouns: frozenset[str]  # "critics condemned": nouns for actors beyond the actor dictionaries' agents
    hypothetical_heads: frozenset[str]  # "demanded that Russia withdraw": the action under it has not happened
    negative_adverbs: frozenset[str]  # "would no longer grant", "never attacked": the trigger is negated
    needs_actor: frozenset[str]  # trigger lemmas coded only with an entity around them ("threats to their integrity")
    state_preps: frozenset[str]  # "has been in power since 1986": a perfect trigger with this phrase is a state
    patient_nouns: frozenset[str]  # "Khalil's deportation": the possessor of this event noun is its target
    noun_source_preps: frozenset[str]  # "an attack from Assad loyalists": this preposition names a noun's source
    away_nouns: frozenset[str]  # "withdrawal from the treaty": "from" names this noun's target, not its source
    agent_of_nouns: frozenset[str]  # "a meeting of the Security Council": "of" names this noun's source
    blame_verbs: frozenset[str]  # "accused Paris of aiding rebels": the object did the gerund's action
    light_verbs: frozenset[str]  # "held talks with", "imposed sanctions on": the verb's subject does the noun
    instrument_nouns: frozenset[str]  # "the airstrikes killed", "a bomb blast killed": a means, never a source phrase
    frame_preps: frozenset[str]  # "said during a visit to Beijing": the clause's subject does the event noun
    holder_nouns: frozenset[str]  # "in Thai custody": the possessor holds; the subject of "in/under X" is held
    recipient_verbs: frozenset[str]  # "received a visit from", "faces sanctions": the subject undergoes the noun
    benefit_verbs: frozenset[str]  # "sought assistance from": the subject receives an aid or support noun
    topic_preps: frozenset[str]  # "a meeting on Afghanistan": for a meeting type, what it is about, not with whom
    counterpart_nouns: frozenset[str]  # "met his Chinese counterpart": the other side, not the subject's own people
    threat_nouns: frozenset[str]  # "threats of Washington sanctions": the doer of the noun under "of" threatens
    aimed_preps: frozenset[str]  # "met with opposition from China": a noun from X under it aims at the subject
    time_preps: frozenset[str]  # "called for calm after the clashes": a frame only for a meeting (PARTICIPANT_TYPES)
    content_nouns: frozenset[str]  # "seized power", "normalize relations": a direct object that says what is done
    motion_verbs: frozenset[str]  # "traveled to Washington to meet Trump": its subject does the purpose infinitive


@lru_cache(maxsize=4)
def load_event_words(knowledge_dir: str | None = None) -> EventWords:
    kinds = load_kinds("event_words.tsv", WORD_KINDS, knowledge_dir)
    return EventWords(*(frozenset(kinds[k]) for k in WORD_KINDS))


#: trigger senses that report no event: knowledge/event_senses.tsv (lemma -> [(frame, words)])
SENSE_FRAMES = ("any", "noun", "verb", "bare", "prep", "obj", "prt")


#: a trigger with none of these dependents is "bare" ("the population declined", "prices rose")
BARE_DEPS = frozenset({"dobj", "xcomp", "ccomp", "prep", "agent", "dative", "prt", "nsubjpass", "oprd", "pobj"})


@lru_cache(maxsize=4)
def load_senses(knowledge_dir: str | None = None) -> dict[str, list[tuple[str, frozenset[str]]]]:
    out: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for row in load_table("event_senses.tsv", ("lemma", "frame", "note"), knowledge_dir, required=2):
        lemma, frame = row.cells[0].lower(), row.cells[1].strip()
        kind, _, words = frame.partition(":")
        if kind not in SENSE_FRAMES or (kind in ("prep", "obj", "prt")) != bool(words):
            raise row.error(f"frame must be any, noun, verb, bare, prep:W|W, obj:W|W or prt:W, got {frame!r}")
        out.setdefault(lemma, []).append((kind, _set(words)))
    return out


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    pos: str
    lemma: str
    cameo: str
    particle: str = ""
    obj: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    pobj: frozenset[str] = frozenset()
    type: str = ""
    mode: str = ""
    hand: bool = True

    @property
    def specificity(self) -> tuple[int, int]:
        return (bool(self.obj) + bool(self.prep) + bool(self.pobj) + bool(self.particle), int(self.hand))


@dataclass(slots=True)
class EventKnowledge:
    patterns: dict[tuple[str, str], list[Pattern]]
    plover: dict[str, tuple[str, str, tuple[str, ...]]]  # cameo -> (type, mode, context)

    def to_plover(self, cameo: str) -> tuple[str, str, tuple[str, ...]] | None:
        for n in range(len(cameo), 1, -1):
            hit = self.plover.get(cameo[:n])
            if hit:
                return hit
        return None


def _set(text: str) -> frozenset[str]:
    return frozenset(w.strip().lower() for w in text.split("|") if w.strip())


@lru_cache(maxsize=4)
def load_event_knowledge(knowledge_dir: str | None = None) -> EventKnowledge:
    patterns: dict[tuple[str, str], list[Pattern]] = {}
    plover: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for row in load_table("cameo_plover.tsv", ("cameo", "type", "mode", "context")):
        cameo, typ, mode, context = row.cells
        plover[cameo] = (typ, mode, tuple(c for c in context.split(";") if c.strip()))
    # PETRARCH: verbs sit in synonym blocks; a block's patterns apply to all its verbs
    blocks: dict[str, list[list[str]]] = {}
    verbs: list[list[str]] = []
    for row in load_table("petrarch_verbs.tsv", PETRARCH_COLUMNS, required=2):
        (verbs if row.cells[0] == "verb" else blocks.setdefault(row.cells[1], [])).append(list(row.cells))
    for n, (_kind, block, lemma, particle, _o, _p, _po, code) in enumerate(verbs):
        key = ("VERB", lemma)
        patterns.setdefault(key, []).append(Pattern(f"petrarch:{block}", "VERB", lemma, code, particle, hand=False))
        for m, (_k, _b, _l, _pa, obj, prep, pobj, pcode) in enumerate(blocks.get(block, [])):
            patterns[key].append(Pattern(f"petrarch:{block}:{m}", "VERB", lemma, pcode, particle, _set(obj),
                                         _set(prep), _set(pobj), hand=False))
        del n
    for row in load_table("event_patterns.tsv", PATTERN_COLUMNS, knowledge_dir, required=3):
        pid, pos, lemma, particle, obj, prep, pobj, cameo, typ, mode = row.cells
        if pos.upper() not in ("VERB", "NOUN"):
            raise row.error(f"pos must be VERB or NOUN, got {pos!r}")
        key = (pos.upper(), lemma.lower())
        lst = patterns.setdefault(key, [])
        lst[:] = [p for p in lst if p.id != pid]
        lst.append(Pattern(pid, pos.upper(), lemma.lower(), cameo, particle.lower(), _set(obj), _set(prep),
                           _set(pobj), typ, mode, hand=True))
    return EventKnowledge(patterns, plover)
