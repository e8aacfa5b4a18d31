"""A plain-text summary of a database: counts, top actors, top speakers, and optionally one article's page."""

from __future__ import annotations

from newsgraph.store.duck import Store


def render_summary(store: Store, article_id: str | None = None, top: int = 10) -> str:
    counts = store.counts()
    lines = ["newsgraph database: " + store.path, ""]
    lines.append("  " + "  ".join(f"{k}: {v}" for k, v in counts.items()))
    from newsgraph.store.claims.tables import has_claims

    if has_claims(store.con):  # claims: statements, groups across articles, contested groups
        _, ((n_claims, n_groups, n_contested),) = store.query(
            "SELECT (SELECT count(*) FROM claims), count(*) FILTER (WHERE claims > 1), "
            "count(*) FILTER (WHERE contested) FROM claim_group_stats")
        lines.append(f"  claims: {n_claims}  claim groups (2+ claims): {n_groups}  contested: {n_contested}")
    _, actors = store.query(
        "SELECT name, label, nullif(mode(coalesce(actor.code, '')), '') AS code, count(DISTINCT article_id) AS articles, "
        "sum(len(mentions)) AS mentions FROM actor_entities WHERE label IN ('PERSON', 'ORG', 'GPE', 'NORP') "
        "GROUP BY name, label ORDER BY articles DESC, mentions DESC, name LIMIT ?",
        [top],
    )
    lines += ["", "top actors (articles, mentions):"]
    lines += [f"  {n:<32} {lab:<6} {code or '-':<8} {a:>4} {m:>5}" for n, lab, code, a, m in actors]
    _, speakers = store.query(
        "SELECT e.name, count(*) AS quotes FROM quotes q JOIN actor_entities e "
        "ON e.article_id = q.article_id AND e.id = q.speaker.entity GROUP BY e.name ORDER BY quotes DESC, "
        "e.name LIMIT ?",
        [top],
    )
    if speakers:
        lines += ["", "top speakers (quotes):"]
        lines += [f"  {n:<32} {q:>4}" for n, q in speakers]
    if article_id:  # a readable page of the article; the raw record is `newsgraph show`
        from newsgraph.store.readable import render_article

        lines += ["", "-" * 100, "", render_article(store, article_id)]
    return "\n".join(lines)
