"""Claims from hand-made records (no model): stance table, nested statements, polarity, hedges, event claims,
the store tables (idempotent, incremental groups, contested, quotations) and the claim check's decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.claims.extract import Extractor
from newsgraph.claims.lexicon import inflections, load_lexicon
from newsgraph.claims.terms import Termer, stem
from newsgraph.errors import NewsgraphError, SettingsError
from newsgraph.records import Actor, ArticleRecord, Entity, Event, Mention, Offsets, Quote, Speaker, TextSpan
from newsgraph.store.claims import check as check_mod
from newsgraph.store.claims import groups
from newsgraph.store.claims.check import Match, check, decide
from newsgraph.store.duck import Store


def _at(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i, i + len(needle)


def _ent(text: str, eid: str, name: str, label: str, needles: list[str], code: str | None = None) -> Entity:
    return Entity(id=eid, name=name, label=label, actor=Actor(code=code),
                  mentions=[Mention(*_at(text, n), n) for n in needles])


def _quote(text: str, content: str, cue: str, lemma: str, speaker: str, entity: str | None, kind: str = "indirect",
           nth: int = 0) -> Quote:
    s, e = _at(text, content, nth)
    return Quote(s, e, content, kind, cue=TextSpan(*_at(text, cue, nth), cue), cue_lemma=lemma,
                 speaker=Speaker(*_at(text, speaker, nth), speaker, entity=entity), rule="test")


DENIAL = ("The Chinese government has denied any involvement of its citizens in the war between Russia and "
          "Ukraine and has promised to assess the actions of Chinese nationals, UkrInform reports.")
ASSERT = "At least 155 Chinese nationals are fighting in the Russian army, said President Volodymyr Zelenskyy."
NEGATED = "Officials said Chinese nationals did not fight in the Russian army, Beijing reportedly added."


def denial_record() -> ArticleRecord:
    t = DENIAL
    ents = [
        _ent(t, "e1", "Chinese government", "ORG", ["Chinese government"], "CHNGOV"),
        _ent(t, "e2", "Chinese citizens", "NORP", ["its citizens"], "CHNCVL"),
        _ent(t, "e3", "Russia", "GPE", ["Russia"], "RUS"),
        _ent(t, "e4", "UkrInform", "ORG", ["UkrInform"], "UKRJRN"),
    ]
    content = t[: t.index(", UkrInform")]
    q = Quote(0, len(content), content, "indirect", cue=TextSpan(*_at(t, "reports"), "reports"), cue_lemma="report",
              speaker=Speaker(*_at(t, "UkrInform"), "UkrInform", entity="e4"), rule="test")
    return ArticleRecord(id="denial", text=t, language="en", source="UkrInform", published="2025-04-10",
                         entities=ents, quotes=[q])


def assert_record(article_id: str = "assert", published: str = "2025-04-11") -> ArticleRecord:
    t = ASSERT
    ents = [
        _ent(t, "e1", "Chinese nationals", "NORP", ["Chinese nationals"], "CHNCVL"),
        _ent(t, "e2", "Russian army", "ORG", ["Russian army"], "RUSMIL"),
        _ent(t, "e3", "Volodymyr Zelenskyy", "PERSON", ["Volodymyr Zelenskyy"], "UKRGOV"),
    ]
    content = t[: t.index(", said")]
    q = Quote(0, len(content), content, "indirect", cue=TextSpan(*_at(t, "said"), "said"), cue_lemma="say",
              speaker=Speaker(*_at(t, "Volodymyr Zelenskyy"), "Volodymyr Zelenskyy", entity="e3"), rule="test")
    ev = Event("ASSAULT", TextSpan(*_at(t, "fighting"), "fighting"), Offsets(0, len(t)), source=["e1"], rule="test")
    return ArticleRecord(id=article_id, text=t, language="en", source="VOA", published=published, entities=ents,
                         quotes=[q], events=[ev])


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_claims_lexicon_inflections_and_stances() -> None:
    lex = load_lexicon()
    assert {"denied", "denies", "denying"} <= inflections("deny")
    assert lex.forms["said"] == "say" and lex.forms["promised"] == "promise"
    assert lex.stance_of("deny").sign == -1 and lex.stance_of("warn").stance == "warns"
    assert lex.stance_of("no-such-cue").stance == "discusses" and lex.stance_of(None).sign == 0


def test_claims_lexicon_user_file_extends_and_bad_line_names_file(tmp_path: Path) -> None:
    (tmp_path / "claims").mkdir()
    (tmp_path / "claims" / "stances.tsv").write_text("gripe\tcomplains\t0\n", encoding="utf-8")
    lex = load_lexicon(str(tmp_path))
    assert lex.stance_of("gripe").stance == "complains" and lex.forms["griped"] == "gripe"
    bad = tmp_path / "bad"
    (bad / "claims").mkdir(parents=True)
    (bad / "claims" / "stances.tsv").write_text("gripe\tcomplains\tmaybe\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"stances.tsv line 1"):
        load_lexicon(str(bad))


def test_claims_terms_fold_inflections_synonyms_and_countries() -> None:
    t = Termer(load_lexicon())
    assert stem("fighting") == stem("fights") == "fight"
    assert set(t.terms("Chinese nationals are fighting in the Russian army")) == {"@CHN", "@RUS", "citizen", "fight",
                                                                                  "military"}
    assert "citizen" not in t.terms("the national security law")  # =nationals matches the plural noun only
    assert "@USA" not in t.terms("he told us")  # lower-case "us" is a pronoun, not the country


def test_claims_nested_denial_replaces_the_reporting_claim(extractor: Extractor) -> None:
    claims = extractor.claims(denial_record())
    assert [c.stance for c in claims] == ["denies", "promises"]
    deny = claims[0]
    assert deny.speaker.name == "Chinese government" and deny.speaker.code == "CHNGOV"
    assert deny.reporter == "UkrInform" and deny.kind == "nested" and "nested" in deny.rule
    assert deny.text == "any involvement of its citizens in the war between Russia and Ukraine"
    assert DENIAL[deny.start : deny.end] == deny.text
    assert deny.polarity == "negative" and not deny.negated
    assert deny.negation is not None and deny.negation.text == "any"  # the NPI is the evidence under a denial
    assert deny.cue is not None and DENIAL[deny.cue.start : deny.cue.end] == "denied"
    assert "@CHN" in deny.terms  # "its citizens" is the entity Chinese citizens (CHNCVL)
    assert claims[1].text.startswith("to assess the actions")


def test_claims_fast_conversion_equals_to_dict(extractor: Extractor) -> None:
    from newsgraph.store.claims.tables import _plain

    for c in extractor.claims(denial_record()) + extractor.claims(assert_record()):
        assert _plain(c) == c.to_dict()


def test_claims_assertion_predicate_from_event_and_hedge(extractor: Extractor) -> None:
    (c,) = extractor.claims(assert_record())
    assert (c.stance, c.polarity, c.speaker.name) == ("asserts", "positive", "Volodymyr Zelenskyy")
    assert c.predicate is not None and c.predicate.text == "fighting" and c.subjects == ["e1"]
    assert [h.text for h in c.hedges] == ["At least"]
    assert ASSERT[c.sentence.start : c.sentence.end] == ASSERT


def test_claims_negated_content_is_negative_and_subordinate_negation_is_not(extractor: Extractor) -> None:
    t = NEGATED
    rec = ArticleRecord(id="neg", text=t, language="en", quotes=[
        _quote(t, "Chinese nationals did not fight in the Russian army", "said", "say", "Officials", None)])
    (c,) = extractor.claims(rec)
    assert c.negated and c.negation is not None and c.negation.text == "not" and c.polarity == "negative"
    assert [h.text for h in c.hedges] == ["reportedly"]
    t2 = "The group said it would kill the hostages if the state did not release prisoners."
    rec2 = ArticleRecord(id="cond", text=t2, language="en", quotes=[
        _quote(t2, "it would kill the hostages if the state did not release prisoners", "said", "say", "The group",
               None)])
    (c2,) = extractor.claims(rec2)
    assert not c2.negated and c2.polarity == "positive"


def test_claims_accuse_event_types_a_neutral_cue_and_events_outside_quotes_are_claims(extractor: Extractor) -> None:
    t = "Kaja Kallas called China the main sponsor of the war. Russia rejected claims that it used chemical weapons."
    ents = [_ent(t, "e1", "Kaja Kallas", "PERSON", ["Kaja Kallas"], "EURGOV"),
            _ent(t, "e2", "China", "GPE", ["China"], "CHN"), _ent(t, "e3", "Russia", "GPE", ["Russia"], "RUS")]
    q = _quote(t, "China the main sponsor of the war", "called", "call", "Kaja Kallas", "e1", kind="partial")
    evs = [Event("ACCUSE", TextSpan(*_at(t, "called"), "called"), Offsets(0, t.index(".") + 1), source=["e1"],
                 target=["e2"], rule="test"),
           Event("REJECT", TextSpan(*_at(t, "rejected"), "rejected"), Offsets(t.index("Russia"), len(t)),
                 source=["e3"], rule="test")]
    rec = ArticleRecord(id="acc", text=t, language="en", entities=ents, quotes=[q], events=evs)
    accuse, reject = extractor.claims(rec)
    assert accuse.stance == "accuses" and "event_cue:ACCUSE" in accuse.rule and accuse.polarity == "positive"
    assert reject.kind == "event" and reject.stance == "denies" and reject.speaker.name == "Russia"
    assert reject.text == "claims that it used chemical weapons" and reject.event == 1


def test_claims_store_idempotent_incremental_groups_and_contested(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # on a store of three claims every term is rare, so the IDF weights are flat: the pair scores 0.70 here
    # (0.83 in the sample corpus); the test is about the bookkeeping, not the threshold
    monkeypatch.setattr(groups, "THRESHOLD", 0.65)
    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        assert store.write([denial_record()]) == 1
        n = store.query("SELECT count(*) FROM claims")[1][0][0]
        assert store.write([denial_record()]) == 0  # the same article again: nothing new
        assert store.query("SELECT count(*) FROM claims")[1][0][0] == n
        store.write([assert_record()])  # a later batch joins the existing group
        gid = store.query("SELECT group_id FROM claim_members m JOIN claims c ON c.id = m.claim_id "
                          "WHERE c.article_id = 'denial' AND c.stance = 'denies'")[1][0][0]
        assert gid == "g" + store.query("SELECT id FROM claims WHERE stance = 'denies'")[1][0][0][1:]
        members = store.query("SELECT c.article_id FROM claim_members m JOIN claims c ON c.id = m.claim_id "
                              "WHERE m.group_id = ? ORDER BY 1", [gid])[1]
        assert members == [("assert",), ("denial",)]
        stats = store.query("SELECT contested, supporters, deniers FROM claim_group_stats WHERE group_id = ?", [gid])[1]
        assert stats == [(True, 1, 1)]
        pos = dict(store.query("SELECT actor, position FROM claim_positions WHERE group_id = ?", [gid])[1])
        assert pos == {"Chinese government": "denies", "Volodymyr Zelenskyy": "supports"}


def test_claims_quotation_reprinted_and_misattributed(tmp_path: Path) -> None:
    words = "We will never accept any deal that divides our country"
    recs = []
    for i, who in enumerate(["Volodymyr Zelenskyy", "Andriy Yermak", "Volodymyr Zelenskyy"]):
        t = f"“{words},” {who} said on day {i}."
        ent = _ent(t, "e1", who, "PERSON", [who], "UKRGOV")
        s, e = _at(t, words)
        q = Quote(s, e, words, "direct", cue=TextSpan(*_at(t, "said"), "said"), cue_lemma="say",
                  speaker=Speaker(*_at(t, who), who, entity="e1"), rule="test")
        recs.append(ArticleRecord(id=f"r{i}", text=t, language="en", source=f"outlet {i}", entities=[ent], quotes=[q]))
    with Store(tmp_path / "q.duckdb") as store:
        store.write(recs)
        (row,) = store.query("SELECT occurrences, articles, sources, speakers, misattributed FROM quotations")[1]
        assert row == (3, 3, 3, ["Andriy Yermak", "Volodymyr Zelenskyy"], True)


def test_claims_backfill_of_a_database_from_before_claims(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with Store(db) as store:
        store.write([assert_record()])
        store.con.execute("DROP VIEW claim_group_stats; DROP VIEW claim_positions; DROP VIEW claim_actors")
        store.con.execute("DROP TABLE claims; DROP TABLE claim_members; DROP TABLE claim_groups")
    with Store(db) as store:  # a writer adds the tables and the stored records' claims
        assert store.query("SELECT count(*) FROM claims")[1][0][0] == 1


def test_claims_check_decisions() -> None:
    close = Match(words=1.0, countries=1.0, coverage=1.0)
    loose = Match(words=0.34, countries=1.0, coverage=0.6)
    assert decide(1, close, None)[0] == "agree"
    assert decide(-1, close, None)[0] == "disagree"
    assert decide(0, close, None)[0] == "discuss"
    assert decide(1, loose, None)[0] == "discuss"
    assert decide(0, loose, ("disagree", 0.9))[0] == "discuss"  # too loose a match for the model to decide
    half = Match(words=0.5, countries=1.0, coverage=0.7)
    assert decide(0, half, ("disagree", 0.9))[0] == "disagree"
    assert decide(0, half, ("disagree", 0.65))[0] == "discuss"
    assert decide(1, loose, ("disagree", 0.9))[0] == "discuss"  # the model may not overrule the cue
    assert decide(1, loose, ("unrelated", 0.95))[0] is None
    assert decide(-1, close, ("unrelated", 0.95))[0] == "disagree"  # a close match is never dropped


def test_claims_check_on_store_and_with_a_classifier(tmp_path: Path) -> None:
    with Store(tmp_path / "k.duckdb") as store:
        store.write([denial_record(), assert_record()])
        out = check(store, "Chinese nationals are fighting in the Russian army", classifier=False)
        got = {(s["speaker"], s["stance"]) for s in out["statements"]}
        assert ("Volodymyr Zelenskyy", "agree") in got and ("Chinese government", "disagree") in got
        deny = next(s for s in out["statements"] if s["stance"] == "disagree")
        assert DENIAL[deny["start"] : deny["end"]] == deny["text"] and deny["reporter"] == "UkrInform"
        neg = check(store, "Chinese nationals are not fighting in the Russian army", classifier=False)
        assert {(s["speaker"], s["stance"]) for s in neg["statements"]} >= {("Volodymyr Zelenskyy", "disagree")}
        assert check(store, "bananas grow on trees", classifier=False)["statements"] == []

        class Result:
            def __init__(self, label: str, confidence: float) -> None:
                self.label, self.confidence = label, confidence

        seen: list[tuple[str, str]] = []

        def fake(pairs):  # type: ignore[no-untyped-def]
            seen.extend(pairs)
            return [Result("discuss", 0.7) for _ in pairs]

        out = check(store, "Chinese nationals are fighting in the Russian army", classifier=fake)
        assert seen and seen[0][0] == "Chinese nationals are fighting in the Russian army"
        assert all(s["model"] == {"label": "discuss", "confidence": 0.7} for s in out["statements"])
        with pytest.raises(NewsgraphError):
            check(store, "   ")


def test_claims_stance_classifier_absent_or_present() -> None:
    clf = check_mod.stance_classifier()
    assert clf is None or callable(clf)


def test_claims_acts_aimed_at_actors_are_not_claims_acts_on_things_are(extractor: Extractor) -> None:
    """An act quote (cue_class "act") whose object is only names or function words states no proposition."""
    t = "Lin praised ECOWAS. Lin described what happened. Lin threatened sanctions. Lin denied the allegations."
    ents = [_ent(t, "e1", "Lin", "PERSON", ["Lin"]), _ent(t, "e2", "ECOWAS", "ORG", ["ECOWAS"])]
    quotes = []
    for content, cue, lemma, nth in (("ECOWAS", "praised", "praise", 0), ("what", "described", "describe", 1),
                                     ("sanctions", "threatened", "threaten", 2), ("the allegations", "denied", "deny", 3)):
        s, e = _at(t, content)
        quotes.append(Quote(s, e, content, "indirect", cue=TextSpan(*_at(t, cue), cue), cue_lemma=lemma, rule="test",
                            speaker=Speaker(*_at(t, "Lin", nth), "Lin", entity="e1"), cue_class="act"))
    rec = ArticleRecord(id="acts", text=t, language="en", published="2025-04-10", entities=ents, quotes=quotes)
    assert [c.text for c in extractor.claims(rec)] == ["sanctions", "the allegations"]
    # the same quotes as statements ("speech", or records from before cue_class) stay claims
    speech = ArticleRecord(id="acts", text=t, language="en", published="2025-04-10", entities=ents,
                           quotes=[Quote(**{**{f: getattr(q, f) for f in q.__dataclass_fields__}, "cue_class": None})
                                   for q in quotes])
    assert len(extractor.claims(speech)) == 4
