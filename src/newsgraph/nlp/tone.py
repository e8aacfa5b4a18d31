"""``newsgraph_tone_v1``: document tone on GDELT's scale from the VADER lexicon.

GDELT's GKG tone: ``positive`` is the percentage of all words with a positive valence, ``negative`` the
percentage with a negative valence, ``score = positive - negative`` (-100..100) and ``polarity = positive +
negative``. Words are the Doc's alphabetic tokens; valences come from VADER's lexicon (vader_lexicon.txt, shipped
inside the vaderSentiment package, MIT licence), looked up by lower-cased token. A word within ``negation_window``
tokens after a negator ("not", "never", "n't", ...) counts with the opposite sign.

The lookup is vectorised: the Doc's LOWER hashes are binary-searched (numpy ``searchsorted``) in the lexicon's
sorted positive and negative hash arrays, so there is no Python loop over tokens: about 70 ms for 89 VOA stories
(59k words), where VADER's own analyser run per sentence took about 560 ms (8x; docs/README-text.md). VADER's
compound score is not GDELT's scale anyway.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np
from spacy.attrs import IS_ALPHA, LOWER
from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.nlp.annotations import register_extensions
from newsgraph.nlp.idsets import id_set, member
from newsgraph.records import Tone

LOGGER = logging.getLogger(__name__)

#: words VADER scores that are mostly function words in news prose ("like" the preposition, "no" the answer)
#: a user's extra words, in VADER's format (word <TAB> valence -4..4), in the knowledge_dir folder
USER_LEXICON = "tone.tsv"
DEFAULT_IGNORE = ("like", "well", "please", "yes", "no", "pretty", "kind", "joke", "matter", "lol")


def vader_lexicon_path() -> Path:
    import vaderSentiment.vaderSentiment as vs

    return Path(vs.__file__).with_name("vader_lexicon.txt")


def load_vader_lexicon(path: Path | None = None) -> dict[str, float]:
    """word -> mean valence (-4..4) from VADER's tab-separated lexicon file."""
    lexicon: dict[str, float] = {}
    with (path or vader_lexicon_path()).open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 2 and not parts[0].startswith("#"):
                try:
                    lexicon[parts[0]] = float(parts[1])
                except ValueError:
                    continue
    return lexicon


def negators() -> list[str]:
    import vaderSentiment.vaderSentiment as vs

    # VADER lists "despite" as a negator; "despite the war" does not make "war" positive
    return sorted((set(vs.NEGATE) | {"n't", "not", "no", "never", "without"}) - {"despite"})


@Language.factory(
    "newsgraph_tone_v1",
    default_config={"min_valence": 0.0, "negation_window": 3, "ignore": list(DEFAULT_IGNORE), "knowledge_dir": None},
    assigns=["doc._.ng_tone"],
    requires=[],
)
def make_tone(
    nlp: Language, name: str, min_valence: float, negation_window: int, ignore: list[str], knowledge_dir: str | None
) -> ToneComponent:
    register_extensions()
    lexicon = load_vader_lexicon()
    if knowledge_dir and (Path(knowledge_dir) / USER_LEXICON).is_file():
        lexicon.update(load_vader_lexicon(Path(knowledge_dir) / USER_LEXICON))
    return ToneComponent(nlp, min_valence=min_valence, negation_window=negation_window, ignore=ignore,
                         lexicon=lexicon)


class ToneComponent:
    """Sets ``doc._.ng_tone`` to a ``Tone``.

    ``min_valence``: only lexicon words with |valence| above this count; ``negation_window``: tokens after a
    negator whose sign flips (0 turns negation off); ``ignore``: lexicon words never counted;
    ``knowledge_dir``: folder whose tone.tsv (word<TAB>valence, VADER's format) adds or overrides words.
    """

    def __init__(self, nlp: Language, *, min_valence: float = 0.0, negation_window: int = 3,
                 ignore: list[str] | tuple[str, ...] = DEFAULT_IGNORE,
                 lexicon: dict[str, float] | None = None) -> None:
        strings = nlp.vocab.strings
        lexicon = lexicon if lexicon is not None else load_vader_lexicon()
        skip = set(ignore)
        pos = [strings.add(w) for w, v in lexicon.items() if v > min_valence and w not in skip and " " not in w]
        neg = [strings.add(w) for w, v in lexicon.items() if v < -min_valence and w not in skip and " " not in w]
        self.positive = np.array(sorted(pos), dtype=np.uint64)
        self.negative = np.array(sorted(neg), dtype=np.uint64)
        self.negators = id_set(strings, negators())
        self.negation_window = negation_window

    def __call__(self, doc: Doc) -> Doc:
        doc._.ng_tone = self.tone(doc)
        return doc

    def tone(self, doc: Doc) -> Tone:
        if len(doc) == 0:
            return Tone()
        arr = doc.to_array([LOWER, IS_ALPHA])
        lower = arr[:, 0].astype(np.uint64)
        words = int(arr[:, 1].sum())
        if words == 0:
            return Tone()
        pos = member(lower, self.positive)
        neg = member(lower, self.negative)
        if self.negation_window > 0:
            negated = _after(member(lower, self.negators), self.negation_window)
            pos, neg = (pos & ~negated) | (neg & negated), (neg & ~negated) | (pos & negated)
        positive = 100.0 * int(pos.sum()) / words
        negative = 100.0 * int(neg.sum()) / words
        return Tone(
            score=round(positive - negative, 4),
            positive=round(positive, 4),
            negative=round(negative, 4),
            polarity=round(positive + negative, 4),
        )


def _after(mask: np.ndarray, window: int) -> np.ndarray:
    """True where one of the ``window`` previous positions is True."""
    out = np.zeros_like(mask)
    for k in range(1, window + 1):
        out[k:] |= mask[:-k]
    return out
