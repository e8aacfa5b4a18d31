"""Hand-made records with a contested claim (and article text that tries to inject HTML), for the claims API,
page and browser tests."""

from __future__ import annotations

from newsgraph.records import Actor, ArticleRecord, Entity, Event, Mention, Offsets, Quote, Speaker, TextSpan

XSS = "<script>alert(5)</script>"
ASSERT = "At least 155 Chinese nationals are fighting in the Russian army, said President Volodymyr Zelenskyy."
DENY = ("The Chinese government has denied any involvement of its citizens in the war between Russia and Ukraine "
        f"and {XSS} Chinese nationals fighting in the Russian army, UkrInform reports.")


def _at(text: str, needle: str) -> tuple[int, int]:
    i = text.index(needle)
    return i, i + len(needle)


def _ent(text: str, eid: str, name: str, label: str, needle: str, code: str) -> Entity:
    return Entity(id=eid, name=name, label=label, actor=Actor(code=code), mentions=[Mention(*_at(text, needle), needle)])


def contested_records() -> list[ArticleRecord]:
    a = ASSERT
    content = a[: a.index(", said")]
    assert_rec = ArticleRecord(
        id="claim-assert", text=a, language="en", title="Zelenskyy on Chinese fighters", source="VOA",
        published="2025-04-11",
        entities=[_ent(a, "e1", "Chinese nationals", "NORP", "Chinese nationals", "CHNCVL"),
                  _ent(a, "e2", "Russian army", "ORG", "Russian army", "RUSMIL"),
                  _ent(a, "e3", "Volodymyr Zelenskyy", "PERSON", "Volodymyr Zelenskyy", "UKRGOV")],
        quotes=[Quote(0, len(content), content, "indirect", cue=TextSpan(*_at(a, "said"), "said"), cue_lemma="say",
                      speaker=Speaker(*_at(a, "Volodymyr Zelenskyy"), "Volodymyr Zelenskyy", entity="e3"),
                      rule="test")],
        events=[Event("ASSAULT", TextSpan(*_at(a, "fighting"), "fighting"), Offsets(0, len(a)), source=["e1"],
                      rule="test")],
    )
    d = DENY
    dcontent = d[: d.index(", UkrInform")]
    deny_rec = ArticleRecord(
        id="claim-deny", text=d, language="en", title=f"Beijing denies {XSS}", source="UkrInform",
        published="2025-04-10",
        entities=[_ent(d, "e1", "Chinese government", "ORG", "Chinese government", "CHNGOV"),
                  _ent(d, "e2", "Chinese citizens", "NORP", "its citizens", "CHNCVL"),
                  _ent(d, "e3", "Russia", "GPE", "Russia", "RUS"),
                  _ent(d, "e4", "UkrInform", "ORG", "UkrInform", "UKRJRN")],
        quotes=[Quote(0, len(dcontent), dcontent, "indirect", cue=TextSpan(*_at(d, "reports"), "reports"),
                      cue_lemma="report", speaker=Speaker(*_at(d, "UkrInform"), "UkrInform", entity="e4"),
                      rule="test")],
    )
    return [deny_rec, assert_rec]
