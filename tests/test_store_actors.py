"""Cross-document actor names: rules on name statistics, and the view the API reads."""

from __future__ import annotations

from newsgraph.records import Actor, ArticleRecord, Entity, Mention
from newsgraph.store.actors import NameStat, resolve_actor_names
from newsgraph.store.duck import Store


def _s(name: str, label: str = "PERSON", code: str | None = None, sector: str | None = None, n: int = 1) -> NameStat:
    return NameStat(name, label, code, sector, n)


def test_store_actors_person_surname_joins_unique_full_name() -> None:
    out = resolve_actor_names([_s("Donald Trump"), _s("Trump"), _s("John Smith"), _s("Jane Smith"), _s("Smith")])
    assert out[("Trump", "PERSON")] == ("Donald Trump", "person_name")
    assert ("Smith", "PERSON") not in out


def test_store_actors_person_tagged_as_org_joins_the_person() -> None:
    out = resolve_actor_names([
        _s("Donald Trump", code="USAGOV"), _s("Trump", code="USAGOV"), _s("Trump", "ORG", "USAGOV", n=40),
        _s("Ford", "PERSON", "USAGOV"), _s("Ford", "ORG", "USABUS"), _s("Acme", "ORG", "USABUS"),
    ])
    assert out[("Trump", "ORG")] == ("Donald Trump", "person_as_org")
    assert ("Ford", "ORG") not in out and ("Acme", "ORG") not in out  # codes differ; never a person


def test_store_actors_acronym_and_country_code() -> None:
    out = resolve_actor_names([
        _s("United Nations", "ORG"), _s("U.N.", "ORG"), _s("UN", "ORG"),
        _s("U.S.", "GPE", "USA", n=200), _s("United States", "GPE", "USA", n=70), _s("America", "GPE", "USA"),
        _s("American", "NORP", "USA"), _s("Washington", "GPE", "USA", "GOV"),
    ])
    assert out[("U.N.", "ORG")] == ("United Nations", "acronym") == out[("UN", "ORG")]
    assert out[("U.S.", "GPE")] == ("United States", "country_code") == out[("America", "GPE")]
    assert ("American", "NORP") not in out and ("Washington", "GPE") not in out


def test_store_actors_acronym_of_several_expansions_joins_the_one_coded_alike() -> None:
    out = resolve_actor_names([
        _s("United Nations", "ORG", "UNO", n=30), _s("United Nations' highest court", "ORG", "UNO", n=2),
        _s("University of Nairobi", "ORG"), _s("U.N.", "ORG", "UNO"),
        _s("Ukrainian Navy", "ORG", "UKR", "MIL"), _s("Union Nationale", "ORG", "FRA", "PTY"), _s("UN", "ORG"),
    ])
    assert out[("U.N.", "ORG")] == ("United Nations", "acronym_code")
    assert ("UN", "ORG") not in out  # no code: which of the four is meant is not known
    tied = resolve_actor_names([_s("United Nations", "ORG", "UNO", n=3), _s("Union of Nations", "ORG", "UNO", n=2),
                                _s("University of Nairobi", "ORG"), _s("U.N.", "ORG", "UNO")])
    assert ("U.N.", "ORG") not in tied  # two coded alike, neither twice the other


def _record(rid: str, *ents: tuple[str, str, str | None]) -> ArticleRecord:
    text = " ".join(n for n, _, _ in ents)
    out, pos = [], 0
    for i, (name, label, code) in enumerate(ents, 1):
        out.append(Entity(id=f"e{i}", name=name, label=label, actor=Actor(country=code, code=code),
                          mentions=[Mention(start=pos, end=pos + len(name), text=name)]))
        pos += len(name) + 1
    return ArticleRecord(id=rid, text=text, language="en", entities=out)


def test_store_actors_view_maps_names_across_articles(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Store(tmp_path / "a.duckdb") as store:
        store.write([_record("a", ("Donald Trump", "PERSON", "USA"), ("U.S.", "GPE", "USA")),
                     _record("b", ("Trump", "PERSON", "USA"), ("United States", "GPE", "USA"))])
        assert store.refresh_actors() == 2
        _, rows = store.query("SELECT article_id, name, local_name FROM actor_entities ORDER BY article_id, idx")
        assert rows == [("a", "Donald Trump", "Donald Trump"), ("a", "United States", "U.S."),
                        ("b", "Donald Trump", "Trump"), ("b", "United States", "United States")]
        assert store.get("b").entities[0].name == "Trump"  # records keep the document's own names
