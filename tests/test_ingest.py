"""Ingest: every input yields an Article or a Failure that says why; text is kept byte for byte."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.errors import IngestError
from newsgraph.ingest import article_id, detect_language, iter_inputs, make_article
from newsgraph.records import Article, Failure


def _one(path: Path | str) -> Article | Failure:
    (item,) = list(iter_inputs([str(path)]))
    return item


def test_ingest_text_file_kept_byte_for_byte(tmp_path: Path) -> None:
    text = "  Leading spaces,\r\nCRLF line ends, “curly quotes” and a trailing newline.\n"
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode("utf-8"))
    art = _one(p)
    assert isinstance(art, Article)
    assert art.text == text
    assert art.id == article_id(text)


def test_ingest_id_is_stable_content_hash() -> None:
    assert make_article("same text").id == make_article("same text").id != make_article("other text").id


def test_ingest_empty_and_whitespace_only(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b" \n\t  \n")
    items = list(iter_inputs([str(tmp_path)]))
    assert [type(i) for i in items] == [Failure, Failure]
    assert all("empty text" in i.error for i in items)


def test_ingest_binary_file_refused(tmp_path: Path) -> None:
    p = tmp_path / "photo.txt"
    p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    item = _one(p)
    assert isinstance(item, Failure) and "binary" in item.error


def test_ingest_invalid_utf8_is_decoded_and_noted(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Le président a déclaré que la réunion aura lieu à Genève.".encode("cp1252"))
    art = _one(p)
    assert isinstance(art, Article)
    assert "président" in art.text
    assert any("not valid UTF-8" in w for w in art.warnings)


def test_ingest_unreadable_and_missing_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = _one(tmp_path / "nope.txt")
    assert isinstance(missing, Failure) and "no such file" in missing.error
    locked = tmp_path / "locked.txt"
    locked.write_text("text")

    def denied(self: Path) -> bytes:  # CI runs as root, which reads mode-000 files: simulate the OS refusal
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    item = _one(locked)
    assert isinstance(item, Failure) and "cannot read" in item.error and "Permission denied" in item.error


def test_ingest_directory_named_like_a_file_is_read_recursively(tmp_path: Path) -> None:
    d = tmp_path / "nested" / "deeper"
    d.mkdir(parents=True)
    (d / "one.txt").write_text("First article text.")
    (tmp_path / "nested" / "two.txt").write_text("Second article text.")
    items = list(iter_inputs([str(tmp_path)]))
    assert sorted(i.text for i in items) == ["First article text.", "Second article text."]


def test_ingest_jsonl_good_bad_and_missing_text_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps({"id": "a1", "text": "Alpha.", "title": "T", "published": "2025-03-14 20:30:26Z"}) + "\n"
        "{not json\n"
        + json.dumps({"id": "a3"}) + "\n\n"
        + json.dumps(["a", "list"]) + "\n"
        + json.dumps({"text": "No id here."}) + "\n",
        encoding="utf-8",
    )
    items = list(iter_inputs([str(p)]))
    assert isinstance(items[0], Article) and items[0].published == "2025-03-14" and items[0].id == "a1"
    assert isinstance(items[1], Failure) and "malformed JSON" in items[1].error and items[1].text == "{not json\n"
    assert isinstance(items[2], Failure) and "no 'text'" in items[2].error
    assert isinstance(items[3], Failure) and "must be an object" in items[3].error
    assert isinstance(items[4], Article) and items[4].id.startswith("sha256:")
    assert items[2].origin.endswith(":3")


def test_ingest_jsonl_gzip(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl.gz"
    with gzip.open(p, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g", "text": "Gzipped."}) + "\n")
    assert _one(p).text == "Gzipped."


def test_ingest_bad_published_date_is_a_failure(tmp_path: Path) -> None:
    p = tmp_path / "a.jsonl"
    p.write_text(json.dumps({"text": "x y z", "published": "2025-02-30"}) + "\n")
    item = _one(p)
    assert isinstance(item, Failure) and "not a real date" in item.error


HTML = """<!doctype html><html><head><title>Quake hits coast</title>
<meta property="og:url" content="https://example.org/quake">
<meta name="date" content="2024-05-02"></head>
<body><nav>Home | World | Sports</nav><article><h1>Quake hits coast</h1>
<p>A strong earthquake struck the northern coast on Thursday, officials said, damaging dozens of homes.</p>
<p>Rescue teams searched the rubble through the night while residents slept outdoors in fear of aftershocks.</p>
</article><footer>Copyright 2024</footer></body></html>"""


def test_ingest_html_body_title_date_url(tmp_path: Path) -> None:
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    art = _one(p)
    assert isinstance(art, Article)
    assert "strong earthquake" in art.text and "Copyright" not in art.text
    assert art.title == "Quake hits coast"
    assert art.published == "2024-05-02"
    assert art.url == "https://example.org/quake"


def test_ingest_malformed_html_is_recovered_or_refused_clearly(tmp_path: Path) -> None:
    p = tmp_path / "broken.html"
    p.write_text("<html><body><p>Unclosed <b>bold <div>Government officials said the talks <i>failed"
                 " after three days of negotiations in the capital.</p></span></body>", encoding="utf-8")
    item = _one(p)
    if isinstance(item, Article):
        assert "talks" in item.text
    else:
        assert "HTML" in item.error
    q = tmp_path / "nothing.html"
    q.write_text("<html><head><script>var x = 1;</script></head><body></body></html>")
    item = _one(q)
    assert isinstance(item, Failure) and "no article text" in item.error


def test_ingest_stdin_text_and_jsonl() -> None:
    code = "from newsgraph.ingest import iter_inputs; print([type(i).__name__ + ':' + i.text for i in iter_inputs(['-'])])"
    out = subprocess.run([sys.executable, "-c", code], input="Plain text from stdin.", capture_output=True, text=True,
                         check=True).stdout
    assert "Article:Plain text from stdin." in out
    out = subprocess.run([sys.executable, "-c", code], input='{"text": "From JSONL."}\n', capture_output=True,
                         text=True, check=True).stdout
    assert "Article:From JSONL." in out


def test_ingest_make_article_rejects_non_string_text() -> None:
    with pytest.raises(IngestError, match="must be a string"):
        make_article(42)


def test_ingest_language_detection() -> None:
    assert detect_language("The government said on Tuesday that talks with the rebels would resume next week.")[0] == "en"
    assert detect_language("Le gouvernement a annoncé mardi que les négociations avec les rebelles reprendraient.")[0] == "fr"
    assert detect_language("Short.")[0] == "en"  # too short to tell: taken as English


def test_ingest_language_fast_path_never_takes_other_languages_for_english() -> None:
    from newsgraph.ingest.lang import _ENGLISH, _WORD

    texts = {
        "fr": "Le gouvernement chinois a nié toute implication de ses citoyens dans la guerre entre la Russie et "
              "l'Ukraine et a promis d'évaluer les actions des ressortissants chinois qui ont été capturés dans la "
              "région de Donetsk, conformément aux lois nationales, après une enquête approfondie.",
        "es": "El gobierno chino ha negado cualquier implicación de sus ciudadanos en la guerra entre Rusia y "
              "Ucrania y ha prometido evaluar las acciones de los ciudadanos chinos que fueron capturados en "
              "Donetsk de acuerdo con las leyes nacionales, tras una investigación exhaustiva.",
        "de": "Die chinesische Regierung hat jede Beteiligung ihrer Bürger am Krieg zwischen Russland und der "
              "Ukraine bestritten und versprochen, die Handlungen chinesischer Staatsangehöriger, die in Donezk "
              "gefangen genommen wurden, nach einer gründlichen Untersuchung zu bewerten.",
    }
    for lang, text in texts.items():
        words = _WORD.findall(text.lower())
        assert sum(w in _ENGLISH for w in words) / len(words) < 0.05
        assert detect_language(text)[0] == lang


def test_ingest_jsonl_home_and_the_home_option(tmp_path: Path) -> None:
    from newsgraph.runner import with_home

    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "One story.", "home": "Richmond, Va."}\n{"text": "Another story."}\n', encoding="utf-8")
    items = list(with_home(iter_inputs([str(path)]), "Des Moines, Iowa"))
    assert [a.home for a in items] == ["Richmond, Va.", "Des Moines, Iowa"]
    assert [a.home for a in iter_inputs([str(path)])] == ["Richmond, Va.", None]
