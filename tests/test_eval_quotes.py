"""Gold floor: quote attribution on a fixed PolNeAR dev subset (the first 20 articles by name).

The full dev split takes minutes on CPU; the subset keeps this under a minute. Measured on this subset (session
11): content F1 0.857, content+cue 0.750, content+source 0.750 (full dev: 0.835 / 0.751 / 0.740). Issue 12 round
6: subset 0.857 / 0.750 / 0.750 (full dev: 0.832 / 0.747 / 0.737;
"said so/yes", position participles after their holder ("the super PAC backing Jeb Bush"). Round 5, subset
0.856 / 0.751 / 0.751, full dev 0.832 / 0.747 / 0.738:
short turns, polls, hearsay, coordinated and paragraph-opening speakers. Before: subset 0.856 / 0.745 / 0.738,
full dev 0.829 / 0.741 / 0.731).
"""

from __future__ import annotations

import pytest

from newsgraph.eval.quotes import LEVELS, GoldAttribution, data_hash, load_polnear, parse_ann, score_article
from newsgraph.records import Quote, Speaker, TextSpan

SUBSET = 20
#: sha256 of the 20 text files and their first annotator's .ann files (newsgraph.eval.quotes.data_hash)
GOLD_SHA256 = "e178d59ea712134fab91507b8046e5a8fabfd90d5c995f312ef441265475e94f"
FLOORS = {"content": 0.86, "content+cue": 0.75, "content+source": 0.75}  # session 12: 0.862 / 0.753 / 0.753
#: at the default of min_quote_confidence (0.40), what a reader is shown (the floors above: every quote extracted);
#: measured (session 11, at 0.35): content 0.844, content+cue 0.750, content+source P 0.823 F1 0.753; session 12 at
#: 0.40: content 0.850, content+cue 0.753, content+source P 0.828 F1 0.756 (at 0: 0.862 / 0.755 / 0.755)
SHOWN_FLOORS = {"content": 0.848, "content+cue": 0.75, "content+source": 0.755, "content+source precision": 0.826}


def test_eval_quotes_parse_ann_discontinuous_and_sourceless() -> None:
    ann = (
        "T1\tSource 0 5\tTrump\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;25 30\tx\nT4\tAttribution 6 10\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tCue 40 44\tsaid\nT6\tContent 45 50\ty\n"
        "E2\tAttribution-no-source:T5 Content:T6 Cue:T5\n"
    )
    first, second = parse_ann(ann)
    assert first == GoldAttribution(content=((11, 20), (25, 30)), cue=((6, 10),), source=((0, 5),))
    assert second.source == ()


def test_eval_quotes_scoring_levels() -> None:
    gold = [
        GoldAttribution(content=((11, 30),), cue=((6, 10),), source=((0, 5),)),
        GoldAttribution(content=((45, 50),), cue=((40, 44),), source=()),
    ]
    right = Quote(12, 20, "x" * 8, "indirect", cue=TextSpan(6, 10, "said"), speaker=Speaker(0, 5, "Trump"))
    no_speaker = Quote(45, 48, "yyy", "indirect", cue=TextSpan(40, 44, "said"))
    wrong = Quote(60, 70, "z" * 10, "indirect")
    scores = score_article([right, no_speaker, wrong], gold)
    assert (scores["content"].true_pos_pred, scores["content"].matched_gold) == (2, 2)
    assert scores["content+source"].precision == pytest.approx(2 / 3)
    spoken = Quote(45, 48, "yyy", "indirect", cue=TextSpan(40, 44, "said"), speaker=Speaker(0, 5, "Trump"))
    assert score_article([spoken], gold)["content+source"].matched_gold == 0


def test_eval_quotes_report_counts_each_class() -> None:
    from newsgraph.eval.quotes import QuoteEvaluation, report

    result = QuoteEvaluation(split="dev", articles=1, classes={"speech": [4, 3], "thought": [2, 1]})
    rows = {r[0]: r for r in report(result).rows}
    assert rows["content, class speech"][1:2] == ("0.750",) and rows["content, class speech"][4] == "4"
    assert rows["content, class thought"][4] == "2"


@pytest.mark.gold
@pytest.mark.model
def test_eval_quotes_polnear_dev_floor(shared, nlp) -> None:  # type: ignore[no-untyped-def]
    from newsgraph.eval.quotes import evaluate_quotes

    data = shared / "data/polnear"
    assert data_hash(load_polnear(data, "dev", limit=SUBSET)) == GOLD_SHA256
    result = evaluate_quotes(data, "dev", limit=SUBSET, nlp=nlp, min_confidence=0.0)  # every quote extracted
    for level, floor in FLOORS.items():
        assert result.scores[level].f1 >= floor, (level, result.scores[level].f1)
    shown = evaluate_quotes(data, "dev", limit=SUBSET, nlp=nlp)  # at the setting's default
    assert shown.min_confidence == 0.40
    for level in LEVELS:
        assert shown.scores[level].f1 >= SHOWN_FLOORS[level], (level, shown.scores[level].f1)
    assert shown.scores["content+source"].precision >= SHOWN_FLOORS["content+source precision"]
    assert shown.scores["content"].predicted < result.scores["content"].predicted
    assert sum(n for n, _ in result.classes.values()) == result.scores["content"].predicted
