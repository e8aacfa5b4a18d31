"""A plain-text summary of a database: counts, top actors, top speakers, and optionally one article's page."""

from __future__ import annotations

from newsgraph.store.duck import Store


def render_summary(store: Store, article_id: str | None = None, top: int = 10,
                   min_confidence: float | None = None) -> str:
    """Counts (events at or above ``min_confidence``, default the setting min_event_confidence, with how many
    are below), top actors and speakers (from the summary tables, store/summaries.py), an article's page."""
    from newsgraph.store import queries

    counts = queries.shown_counts(store, min_confidence=min_confidence)
    hidden = counts.pop("events_hidden")
    lines = ["newsgraph database: " + store.path, ""]
    lines.append("  " + "  ".join(f"{k}: {v}" for k, v in counts.items()))
    if hidden:
        floor = queries.confidence_floor(store, min_confidence)
        lines.append(f"  ({hidden} event{'' if hidden == 1 else 's'} below confidence {floor:g} not counted or shown; exports keep them)")
    from newsgraph.store.claims.tables import has_claims

    if has_claims(store.con):  # claims: statements, groups across articles, contested groups
        _, ((n_claims, n_groups, n_contested),) = store.query(
            "SELECT (SELECT count(*) FROM claims), count(*) FILTER (WHERE claims > 1), "
            "count(*) FILTER (WHERE contested) FROM claim_group_stats")
        lines.append(f"  claims: {n_claims}  claim groups (2+ claims): {n_groups}  contested: {n_contested}")
    t = queries._tables(store)
    _, actors = store.query(
        f"""WITH k AS (SELECT name, label, code, sum(rows) AS n, sum(mentions) AS mentions FROM {t['actor_keys']}
                       WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP') GROUP BY ALL),
            c AS (SELECT name, label, code FROM k
                  QUALIFY row_number() OVER (PARTITION BY name, label ORDER BY n DESC, code) = 1)
            SELECT k.name, k.label, nullif(any_value(c.code), '') AS code, any_value(tot.articles) AS articles,
                   sum(k.mentions) AS mentions
            FROM k JOIN c USING (name, label) JOIN {t['actor_label_totals']} tot USING (name, label)
            GROUP BY k.name, k.label ORDER BY articles DESC, mentions DESC, k.name LIMIT ?""",
        [top],
    )
    lines += ["", "top actors (articles, mentions):"]
    lines += [f"  {n:<32} {lab:<6} {code or '-':<8} {a:>4} {m:>5}" for n, lab, code, a, m in actors]
    _, speakers = store.query(
        f"SELECT name, count(*) AS quotes FROM {t['quote_speakers']} WHERE is_entity GROUP BY name "
        "ORDER BY quotes DESC, name LIMIT ?",
        [top],
    )
    if speakers:
        lines += ["", "top speakers (quotes):"]
        lines += [f"  {n:<32} {q:>4}" for n, q in speakers]
    if article_id:  # a readable page of the article; the raw record is `newsgraph show`
        from newsgraph.store.readable import render_article

        lines += ["", "-" * 100, "", render_article(store, article_id, min_confidence=min_confidence)]
    return "\n".join(lines)
