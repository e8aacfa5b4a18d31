"""An indexed matcher for the model's ``attribute_ruler``: the same matches, found without trying every pattern.

spaCy's ``AttributeRuler`` finds its matches with a ``Matcher`` that tries each of its patterns (180 in
``en_core_web_sm``, nearly all one-token ``{"TAG": ...}`` rules from the tag map) at each token: on news text that
is about 15% of the whole spaCy pipeline's time, more than the tagger and the parser together. The patterns are
small, so an index over each pattern's first token (by tag, lowercase form or dependency label) finds the same
matches in one pass. ``speed_up(nlp)`` swaps the ruler's ``match`` method for this one; everything else (the
attributes it sets, their order, serialisation) stays spaCy's own. Patterns using anything the index does not
understand leave the ruler untouched. ``tests/test_fast_attributes.py`` checks that the matches are identical
to the Matcher's on the bundled articles and on the rules' own edge cases.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

import numpy as np
from spacy.attrs import DEP, IS_SPACE, LOWER, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

LOGGER = logging.getLogger(__name__)

#: pattern keys the index understands -> column in the array taken from the Doc
_COLUMNS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}
_ARRAY_ATTRS = [TAG, LOWER, DEP, IS_SPACE]

Match = tuple[int, int, int, int]  # (rule number, match key, start, end), as AttributeRuler.match returns
Column = np.ndarray  # one attribute of a run of tokens (uint64 ids)
Check = Callable[[Column], np.ndarray]  # -> boolean mask: does the token at each position satisfy the spec?


class Unsupported(Exception):
    """A pattern uses something the index does not implement; the ruler keeps spaCy's Matcher."""


def _value_id(strings: StringStore, value: object) -> int:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        return 0 if value == "" else int(strings.add(value))
    raise Unsupported(f"value {value!r}")


def _check(key: str, spec: object, strings: StringStore) -> tuple[int, Check, bool]:
    """(column, mask function, is a regular expression) for one key of a token pattern, as the Matcher reads it."""
    col = _COLUMNS.get(key)
    if col is None:
        raise Unsupported(f"key {key!r}")
    if not isinstance(spec, dict):
        want = np.uint64(_value_id(strings, spec))
        return col, lambda values: values == want, False
    if len(spec) != 1:
        raise Unsupported(f"predicate {spec!r}")
    ((op, arg),) = spec.items()
    if op in ("IN", "NOT_IN"):
        members = np.array(sorted({_value_id(strings, v) for v in arg}), dtype=np.uint64)
        invert = op == "NOT_IN"
        return col, lambda values: np.isin(values, members, invert=invert), False
    if op == "REGEX" and key != "IS_SPACE":
        rx = re.compile(arg)
        seen: dict[int, bool] = {}  # string id -> matches; bounded by the vocabulary

        def regex(values: Column) -> np.ndarray:
            hits = []
            for v in np.unique(values).tolist():
                hit = seen.get(v)
                if hit is None:
                    hit = seen[v] = rx.search(strings[v]) is not None
                if hit:
                    hits.append(v)
            return np.isin(values, np.array(hits, dtype=np.uint64))

        return col, regex, True
    raise Unsupported(f"predicate {spec!r}")


class IndexedMatcher:
    """The matches of an AttributeRuler's patterns, in the order ``AttributeRuler.match`` gives them.

    Rules of one token ``{"TAG": tag}`` (most of them: the tag map) are looked up by tag; each other rule is
    evaluated as whole-document boolean masks over the token attributes, one per key of each of its tokens.
    """

    def __init__(self, ruler: AttributeRuler) -> None:
        strings = ruler.vocab.strings
        self.size = len(ruler.attrs)
        self.by_tag: dict[int, list[tuple[int, int]]] = {}
        self.rules: list[tuple[int, int, list[list[tuple[int, Check, bool]]]]] = []
        for rule, entry in enumerate(ruler.patterns):
            key_id = int(strings.add(str(rule)))
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for pattern in patterns:
                if not pattern or any(not isinstance(tok, dict) or not tok or "OP" in tok for tok in pattern):
                    raise Unsupported(f"pattern {pattern!r}")
                if len(pattern) == 1 and set(pattern[0]) == {"TAG"} and not isinstance(pattern[0]["TAG"], dict):
                    self.by_tag.setdefault(_value_id(strings, pattern[0]["TAG"]), []).append((rule, key_id))
                else:
                    self.rules.append((rule, key_id, [[_check(k, v, strings) for k, v in tok.items()]
                                                       for tok in pattern]))

    def __call__(self, doc: Doc) -> list[Match]:
        n = len(doc)
        if not n:
            return []
        table = doc.to_array(_ARRAY_ATTRS).astype(np.uint64, copy=False)
        parts: list[tuple[int, int, int, np.ndarray]] = []  # (rule, key, length, start positions)
        tags, which = np.unique(table[:, 0], return_inverse=True)
        for j, tag in enumerate(tags.tolist()):
            for rule, key_id in self.by_tag.get(tag, ()):
                parts.append((rule, key_id, 1, np.flatnonzero(which == j)))
        for rule, key_id, tokens in self.rules:
            span = len(tokens)
            if span > n:
                continue
            ok = np.ones(n - span + 1, dtype=bool)
            slow: list[tuple[int, int, Check]] = []
            for k, checks in enumerate(tokens):
                for col, check, is_regex in checks:
                    if is_regex:  # regular expressions run last, on the positions the other keys left
                        slow.append((k, col, check))
                    else:
                        ok &= check(table[k : n - span + 1 + k, col])
            found = np.flatnonzero(ok)
            for k, col, check in slow:
                if not len(found):
                    break
                found = found[check(table[found + k, col])]
            if len(found):
                parts.append((rule, key_id, span, found))
        if not parts:
            return []
        sizes = [len(p[3]) for p in parts]
        rules = np.repeat(np.array([p[0] for p in parts], dtype=np.int64), sizes)
        keys = np.repeat(np.array([p[1] for p in parts], dtype=np.uint64), sizes)
        starts = np.concatenate([p[3] for p in parts]).astype(np.int64)
        ends = starts + np.repeat(np.array([p[2] for p in parts], dtype=np.int64), sizes)
        order = np.lexsort((ends, starts, rules))  # the Matcher's matches sorted as AttributeRuler.match sorts
        rules, keys, starts, ends = rules[order], keys[order], starts[order], ends[order]
        # one match per (rule, start, end): two alternatives of one rule may match the same tokens
        keep = np.ones(len(rules), dtype=bool)
        keep[1:] = (rules[1:] != rules[:-1]) | (starts[1:] != starts[:-1]) | (ends[1:] != ends[:-1])
        return list(zip(rules[keep].tolist(), keys[keep].tolist(), starts[keep].tolist(), ends[keep].tolist(),
                        strict=True))


def speed_up(nlp: Language) -> bool:
    """Give each AttributeRuler in ``nlp`` the indexed matcher. False if one of them keeps spaCy's Matcher."""
    done = True
    for name, proc in nlp.pipeline:
        if not isinstance(proc, AttributeRuler):
            continue
        try:
            matcher = IndexedMatcher(proc)
        except Unsupported as exc:
            LOGGER.info("%s keeps spaCy's Matcher: %s", name, exc)
            done = False
            continue
        proc.match = _guarded(proc, matcher)  # type: ignore[method-assign, assignment]
    return done


def _guarded(ruler: AttributeRuler, matcher: IndexedMatcher) -> Callable[[Doc], list[Match]]:
    """The indexed match while the ruler's rules are the ones indexed; spaCy's own once rules were added, or
    cleared and loaded again (``clear()``, ``from_disk()`` give the ruler a new Matcher)."""
    spacy_match = type(ruler).match.__get__(ruler)
    indexed_matcher = ruler.matcher

    def match(doc: Doc) -> list[Match]:
        if ruler.matcher is not indexed_matcher or len(ruler.attrs) != matcher.size:
            return spacy_match(doc)
        return matcher(doc)

    return match
