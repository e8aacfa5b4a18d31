"""Gold floor: quotes with resolved speakers on gold/speakers-voa (30 VOA stories in the repository).

Measured at the floors' commit (``newsgraph eval speakers --split held``), statements (cue_class speech) only:
content P 0.910 R 0.904 F1 0.907; content+speaker P 0.787 R 0.781 F1 0.784; with unresolved speakers
abstaining (the row ``content+speaker (unresolved abstains)``) P 0.841 R 0.781 F1 0.810; resolution accuracy
name 0.901, role 0.769, pronoun 0.875; every class (the last line): content+speaker P 0.651 R 0.807 F1 0.721
(issue 12 session 8: passive reports with no agent are evidence, speech nouns with a short thing and
pronoun-only objects are acts, described roles through the next sentence's new subject, an earlier
description or the last speaker so described, quoted names are no pronoun rivals. Session 7: content P 0.894
F1 0.899, content+speaker P 0.769 F1 0.773, abstaining P 0.824 F1 0.800, name 0.901, role 0.750, every
class F1 0.714. Round 6: content F1 0.899, content+speaker P 0.766 F1 0.770, abstaining F1 0.796, name
0.893; issue 12 round 6: an inherited subject inside a quote is no speaker, "call" with a bare object is an act, a
thing is no addressee. Round 5: content F1 0.901, content+speaker P 0.763 F1 0.768, role 0.736, every class
F1 0.712; documents speak for their issuer, actor descriptions are no name, criticize / claim /
point with an object and act cues with an infinitive are acts, requests for anonymity are acts. Round 4:
content F1 0.903, abstaining P 0.798 F1 0.786, role 0.727, pronoun 0.871; act cues with an object
("responded to a request for comment"), surnames the NER took for organisations, "the group" / "the
spokesperson" through the earlier phrase with the same noun, inverted
speakers after the verb. Round 3, statements: content F1 0.888, content+speaker P 0.722 R 0.759 F1 0.740,
name 0.893, role 0.727, pronoun 0.774; every class P 0.630 R 0.781 F1 0.698. Round 3: speech cues with a
bare object, "criticized China", are class act; the statements matched change, so pronoun accuracy moved
from round 2's 0.788 to 0.774 on 24 statements. Round 2, statements: content F1 0.874, content+speaker P 0.689
F1 0.727. Round 1, every class: content F1 0.840, content+speaker P 0.630 R 0.781 F1 0.698, pronoun 0.794;
before issue 12: content F1 0.814, content+speaker F1 0.608, name 0.788, role 0.745, pronoun 0.643).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.eval.speakers import (
    GoldStatement,
    SpeakerEvaluation,
    data_hash,
    is_description,
    is_statement,
    load_gold,
    names_match,
    report,
    score_story,
)
from newsgraph.records import ArticleRecord, Entity, Quote, Speaker

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold" / "speakers-voa"
#: sha256 of gold/speakers-voa/speakers.jsonl (scripts/build_speakers_gold.py)
GOLD_SHA256 = "30ff1f9a3a5d3750ed54f4b5a2b284bab927550206df7beba368ab3c40d44e2f"
#: session 12 at 0.40: content F1 0.916, content+speaker P 0.801 F1 0.797, abstaining F1 0.823, all classes F1 0.743,
#: names 0.909, pronouns 0.879, roles 0.769
FLOORS = {"content": 0.915, "content+speaker": 0.795, "content+speaker precision": 0.80, "abstaining": 0.82,
          "all classes": 0.74, "name": 0.905, "pronoun": 0.87, "role": 0.765}


def test_eval_speakers_names_match_folding_and_containment() -> None:
    assert names_match("Akar", "Hulusi Akar")
    assert names_match("hulusi akar.", "Hulusi Akar")
    assert names_match("Lockyear", "Catherine Russell and Christopher Lockyear")
    assert not names_match("Barack Obama", "John Podesta")
    assert not names_match("", "Hulusi Akar")
    assert is_description("senior State Department official") and is_description("Turkish media")
    assert not is_description("Hulusi Akar") and not is_description("Interprofessional Association of Poultry Farmers")


def test_eval_speakers_scoring_needs_the_resolved_speaker() -> None:
    text = "Akar said the S-400 poses no threat. He added that it will operate alone."
    akar = Entity("e1", "Hulusi Akar", "PERSON")
    other = Entity("e2", "Barack Obama", "PERSON")
    right = Quote(10, 35, text[10:35], "indirect", speaker=Speaker(0, 4, "Akar", entity="e1"))
    wrong = Quote(48, 72, text[48:72], "indirect", speaker=Speaker(37, 39, "He", entity="e2"))
    record = ArticleRecord(id="a", text=text, language="en", entities=[akar, other], quotes=[right, wrong])
    gold = [GoldStatement("a", (10, 36), "Hulusi Akar", (0, 4), "name"),
            GoldStatement("a", (48, 73), "Hulusi Akar", (37, 39), "pronoun")]
    result = SpeakerEvaluation(split="t", stories=1)
    score_story(record, gold, result)
    assert (result.content.true_pos_pred, result.speaker.true_pos_pred) == (2, 1)
    assert result.kinds["name"] == [1, 1] and result.kinds["pronoun"] == [1, 0]
    assert result.speaker.precision == pytest.approx(0.5)


def test_eval_speakers_scores_statements_and_all_classes_apart() -> None:
    text = "Akar said the S-400 poses no threat. He hopes the sanctions end soon."
    akar = Entity("e1", "Hulusi Akar", "PERSON")
    said = Quote(10, 35, text[10:35], "indirect", speaker=Speaker(0, 4, "Akar", entity="e1"), cue_class="speech")
    hope = Quote(46, 68, text[46:68], "indirect", speaker=Speaker(37, 39, "He", entity="e1"), cue_class="thought")
    record = ArticleRecord(id="a", text=text, language="en", entities=[akar], quotes=[said, hope])
    gold = [GoldStatement("a", (10, 36), "Hulusi Akar", (0, 4), "name")]
    result = SpeakerEvaluation(split="t", stories=1)
    score_story(record, gold, result)
    # the belief is not a statement: it does not count against precision, but the all-classes line sees it
    assert (result.speaker.predicted, result.speaker.true_pos_pred) == (1, 1)
    assert (result.all_classes.predicted, result.all_classes.true_pos_pred) == (2, 1)
    assert is_statement(Quote(0, 1, "x", "direct")) and not is_statement(hope)
    rows = [r[0] for r in report(result).rows]
    assert rows[-1] == "content+speaker (all classes)"


def test_eval_speakers_gold_is_the_pinned_file() -> None:
    assert data_hash(GOLD) == GOLD_SHA256
    tune, held = load_gold(GOLD, "tune"), load_gold(GOLD, "held")
    assert (len(tune), len(held)) == (15, 15) and not set(tune) & set(held)
    assert sum(map(len, tune.values())) + sum(map(len, held.values())) == 513


@pytest.mark.model
@pytest.mark.slow
def test_eval_speakers_held_floor() -> None:
    from newsgraph.eval.speakers import evaluate_speakers

    assert data_hash(GOLD) == GOLD_SHA256, "gold/speakers-voa changed: re-measure and re-pin the floors"
    result = evaluate_speakers(GOLD, ROOT / "samples" / "articles.jsonl", "held")  # at min_quote_confidence 0.40
    assert result.min_confidence == 0.40
    assert result.content.f1 >= FLOORS["content"]
    assert result.speaker.f1 >= FLOORS["content+speaker"]
    assert result.speaker.precision >= FLOORS["content+speaker precision"]
    assert result.resolved.f1 >= FLOORS["abstaining"]
    assert result.all_classes.f1 >= FLOORS["all classes"]
    for kind in ("name", "pronoun", "role"):
        matched, right = result.kinds[kind]
        assert right / matched >= FLOORS[kind], (kind, right, matched)


def test_eval_speakers_unresolved_speaker_abstains_on_its_own_row() -> None:
    text = "The group said the attack killed ten. The review said the plan failed badly."
    group = Entity("e1", "al-Shabab", "ORG")
    unlinked = Quote(15, 36, text[15:36], "indirect", speaker=Speaker(0, 9, "The group"))
    elsewhere = Quote(53, 76, text[53:76], "indirect", speaker=Speaker(38, 48, "The review"))
    record = ArticleRecord(id="a", text=text, language="en", entities=[group], quotes=[unlinked, elsewhere])
    gold = [GoldStatement("a", (15, 37), "al-Shabab", (0, 9), "role"),
            GoldStatement("a", (53, 77), "Tran Quoc Bao", (0, 3), "name")]
    result = SpeakerEvaluation(split="t", stories=1)
    score_story(record, gold, result)
    # both are wrong on the strict row; "The group" unlinked on the gold mention abstains, "The review" does not
    assert (result.speaker.predicted, result.speaker.true_pos_pred, result.abstained) == (2, 0, 1)
    assert result.resolved.predicted == 1 and result.resolved.recall == 0.0
    assert "content+speaker (unresolved abstains)" in [r[0] for r in report(result).rows]


def test_eval_speakers_scores_only_the_quotes_shown_at_min_confidence() -> None:
    text = "Lin said the talks failed. That echoes the agenda."
    lin = Entity("e1", "Lin Jian", "PERSON")
    said = Quote(9, 26, text[9:26], "indirect", speaker=Speaker(0, 3, "Lin", "e1"), cue_class="speech",
                 confidence=0.9)
    low = Quote(40, 50, text[40:50], "indirect", speaker=Speaker(27, 31, "That"), cue_class="speech",
                confidence=0.1)
    record = ArticleRecord(id="s1", text=text, language="en", entities=[lin], quotes=[said, low])
    gold = [GoldStatement("s1", (9, 26), "Lin Jian", (0, 3), "name")]
    for threshold, predicted in ((0.0, 2), (0.35, 1)):
        result = SpeakerEvaluation(split="held", stories=1, min_confidence=threshold)
        score_story(record, gold, result)
        assert result.speaker.predicted == predicted and result.speaker.true_pos_pred == 1
        assert result.all_classes.predicted == predicted
    assert "min quote confidence 0.35" in (report(result).title or "")


@pytest.mark.model
@pytest.mark.slow
def test_eval_speakers_cli_min_confidence_flag() -> None:
    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    default = runner.invoke(app, ["eval", "speakers", "--split", "tune"])
    every = runner.invoke(app, ["eval", "speakers", "--split", "tune", "--min-confidence", "0"])
    assert default.exit_code == 0 and every.exit_code == 0, (default.output, every.output)
    assert "min quote confidence 0.40" in default.output and "min quote confidence 0.00" in every.output
    assert runner.invoke(app, ["eval", "speakers", "--min-confidence", "2"]).exit_code != 0
