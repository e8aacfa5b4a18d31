"""Alerts: saved queries evaluated after each ingest batch; their matches are rows of the ``alerts`` table.

Tables (created by ``create_tables``; readers treat a database without them as having no alerts):

- ``alert_rules``: ``id``, ``kind`` (a name in ``KINDS``), ``params`` (JSON object), ``webhook`` (URL or null),
  ``created_at``.
- ``alerts``: one row per match, keyed by ``(rule_id, key)`` so a match is stored once however often it is
  evaluated: ``article_id``, ``kind``, ``summary`` (one line for people), ``detail`` (JSON), ``created_at``, and the
  webhook delivery's ``delivered_at``, ``attempts``, ``last_error``.
- ``alert_progress``: one row, ``evaluated_to``, the ``ingested_at`` of the last article evaluated. Each
  evaluation covers the articles stored after it and moves it in the same transaction as the new alert rows, so
  a process killed between a batch and its evaluation evaluates that batch on restart, once.

Kinds: each is an ``AlertKind``, a name, its parameters and one function that returns the matches among the
articles stored in a window ``(lo, hi]`` of ``ingested_at``. ``event`` (a new event, optionally of a PLOVER type,
optionally with an actor on either side or one named side) and ``speaker`` (a speaker quoted on a watched theme
or words for the first time) are built in; a kind over the claims table is one more ``AlertKind`` registered
with ``register`` (its SQL reads ``claims`` joined to ``articles`` in the window, as ``_event_matches`` reads
``events``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from newsgraph.errors import NewsgraphError, NotFound
from newsgraph.store.duck import Store

LOGGER = logging.getLogger(__name__)

DDL = (
    "CREATE SEQUENCE IF NOT EXISTS alert_rule_ids START 1",
    "CREATE TABLE IF NOT EXISTS alert_rules (id BIGINT PRIMARY KEY DEFAULT nextval('alert_rule_ids'), "
    "kind VARCHAR NOT NULL, params VARCHAR NOT NULL, webhook VARCHAR, created_at TIMESTAMP DEFAULT now())",
    "CREATE TABLE IF NOT EXISTS alerts (rule_id BIGINT NOT NULL, key VARCHAR NOT NULL, article_id VARCHAR, "
    "kind VARCHAR NOT NULL, summary VARCHAR NOT NULL, detail VARCHAR, created_at TIMESTAMP DEFAULT now(), "
    "delivered_at TIMESTAMP, attempts INTEGER DEFAULT 0, last_error VARCHAR, PRIMARY KEY (rule_id, key))",
    "CREATE TABLE IF NOT EXISTS alert_progress (id INTEGER PRIMARY KEY, evaluated_to TIMESTAMP)",
)

#: how often a webhook delivery is tried before the alert is left undelivered (it stays in the table)
MAX_ATTEMPTS = 5


class AlertError(NewsgraphError):
    """A rule with an unknown kind or bad parameters."""


@dataclass(frozen=True, slots=True)
class Match:
    article_id: str
    key: str  # unique within the rule: the same match evaluated twice is stored once
    summary: str
    detail: dict[str, Any] = field(default_factory=dict)


MatchFn = Callable[[Store, dict[str, Any], Any, Any], list[Match]]


@dataclass(frozen=True, slots=True)
class AlertKind:
    name: str
    help: str
    params: dict[str, str]  # parameter -> help; every parameter is an optional string unless in ``required``
    matches: MatchFn
    required: tuple[str, ...] = ()
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def check(self, params: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(params) - set(self.params))
        if unknown:
            raise AlertError(f"alert kind {self.name!r} has no parameter {', '.join(unknown)}; "
                             f"it takes {', '.join(self.params)}")
        clean = {k: str(v).strip() for k, v in params.items() if v not in (None, "")}
        missing = [p for p in self.required if p not in clean]
        if missing:
            raise AlertError(f"alert kind {self.name!r} needs {', '.join(missing)}")
        for name, allowed in self.choices.items():
            if name in clean and clean[name] not in allowed:
                raise AlertError(f"{name} must be one of {', '.join(allowed)}, not {clean[name]!r}")
        return clean


KINDS: dict[str, AlertKind] = {}


def register(kind: AlertKind) -> AlertKind:
    KINDS[kind.name] = kind
    return kind


# ---- tables and rules ------------------------------------------------------------------------------------------


def create_tables(store: Store) -> None:
    for ddl in DDL:
        store.con.execute(ddl)


def has_tables(store: Store) -> bool:
    row = store.con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name IN ('alert_rules', 'alerts')"
    ).fetchone()
    return bool(row and row[0] == 2)


def add_rule(store: Store, kind: str, params: dict[str, Any], webhook: str | None = None) -> dict[str, Any]:
    """Save a rule; it fires on articles stored from now on. Returns the rule."""
    if kind not in KINDS:
        raise AlertError(f"unknown alert kind {kind!r}; known: {', '.join(sorted(KINDS))}")
    clean = KINDS[kind].check(params)
    if webhook and not webhook.startswith(("http://", "https://")):
        raise AlertError(f"webhook must be an http(s) URL, not {webhook!r}")
    create_tables(store)
    store.con.execute("BEGIN TRANSACTION")
    try:
        # the first rule of a database starts the watermark at what is stored now: old articles do not fire
        store.con.execute(
            "INSERT INTO alert_progress SELECT 1, (SELECT max(ingested_at) FROM articles) ON CONFLICT DO NOTHING"
        )
        row = store.con.execute(
            "INSERT INTO alert_rules (kind, params, webhook) VALUES (?, ?, ?) RETURNING id",
            [kind, json.dumps(clean, sort_keys=True), webhook or None],
        ).fetchone()
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    assert row is not None
    return get_rule(store, int(row[0]))


def _rule(row: tuple[Any, ...]) -> dict[str, Any]:
    rid, kind, params, webhook, created, n = row
    return {"id": rid, "kind": kind, "params": json.loads(params), "webhook": webhook,
            "created_at": created.isoformat(sep=" ", timespec="seconds") if created else None, "alerts": n}


_RULES = ("SELECT r.id, r.kind, r.params, r.webhook, r.created_at, "
          "(SELECT count(*) FROM alerts x WHERE x.rule_id = r.id) FROM alert_rules r")


def list_rules(store: Store) -> list[dict[str, Any]]:
    if not has_tables(store):
        return []
    return [_rule(r) for r in store.con.execute(_RULES + " ORDER BY r.id").fetchall()]


def get_rule(store: Store, rule_id: int) -> dict[str, Any]:
    rows = store.con.execute(_RULES + " WHERE r.id = ?", [rule_id]).fetchall() if has_tables(store) else []
    if not rows:
        raise NotFound(f"no alert rule {rule_id}")
    return _rule(rows[0])


def remove_rule(store: Store, rule_id: int) -> None:
    """Delete a rule (its alerts stay, as a record of what was sent)."""
    get_rule(store, rule_id)
    store.con.execute("DELETE FROM alert_rules WHERE id = ?", [rule_id])


# ---- evaluation ------------------------------------------------------------------------------------------------


def evaluate(store: Store) -> list[dict[str, Any]]:
    """Evaluate every rule on the articles stored since the last evaluation; returns the new alerts.

    The alert rows and the moved watermark are committed together.
    """
    create_tables(store)
    hi = store.con.execute("SELECT max(ingested_at) FROM articles").fetchone()[0]  # type: ignore[index]
    got = store.con.execute("SELECT evaluated_to FROM alert_progress WHERE id = 1").fetchone()
    rules = store.con.execute("SELECT id, kind, params, webhook FROM alert_rules ORDER BY id").fetchall()
    if got is None and not rules:
        return []
    lo = got[0] if got else None
    if hi is None or (lo is not None and hi <= lo):
        return []
    new: list[dict[str, Any]] = []
    store.con.execute("BEGIN TRANSACTION")
    try:
        for rid, kind_name, params, _webhook in rules:
            kind = KINDS.get(kind_name)
            if kind is None:
                LOGGER.warning("alert rule %s has unknown kind %r; skipped", rid, kind_name)
                continue
            for m in kind.matches(store, json.loads(params), lo, hi):
                row = store.con.execute(
                    "INSERT INTO alerts (rule_id, key, article_id, kind, summary, detail) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT DO NOTHING RETURNING rule_id",
                    [rid, m.key, m.article_id, kind_name, m.summary, json.dumps(m.detail, default=str)],
                ).fetchone()
                if row is not None:
                    new.append({"rule_id": rid, "key": m.key, "article_id": m.article_id, "kind": kind_name,
                                "summary": m.summary, "detail": m.detail})
        store.con.execute(
            "INSERT INTO alert_progress VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET evaluated_to = excluded.evaluated_to",
            [hi],
        )
        store.con.execute("COMMIT")
    except Exception:
        store.con.execute("ROLLBACK")
        raise
    if new:
        LOGGER.info("%d new alerts", len(new))
    return new


_WINDOW = "a.ingested_at > coalesce(CAST(? AS TIMESTAMP), '-infinity'::TIMESTAMP) AND a.ingested_at <= ?"

# names of the entities of an event's side, canonical (actor_entities), in mention order
_SIDE = """coalesce((SELECT list(e.name ORDER BY e.idx) FROM actor_entities e
    WHERE e.article_id = ev.article_id AND list_contains(ev.{side}, e.id)), [])"""

_SIDE_MATCH = """EXISTS (SELECT 1 FROM actor_entities e WHERE e.article_id = ev.article_id
    AND list_contains(ev.{side}, e.id) AND (lower(e.name) = lower(?) OR e.actor.code = upper(?)))"""


def _event_matches(store: Store, params: dict[str, Any], lo: Any, hi: Any) -> list[Match]:
    where, args = [_WINDOW], [lo, hi]
    if params.get("type"):
        where.append("ev.type = upper(?)")
        args.append(params["type"])
    actor, role = params.get("actor"), params.get("role", "either")
    if actor:
        sides = ["source", "target"] if role == "either" else [role]
        where.append("(" + " OR ".join(_SIDE_MATCH.format(side=s) for s in sides) + ")")
        args += [actor, actor] * len(sides)
    rows = store.con.execute(
        f"""SELECT ev.article_id, ev.idx, ev.type, ev.trigger.text, {_SIDE.format(side='source')},
                   {_SIDE.format(side='target')}, a.title, a.published,
                   substring(a.text, ev.sentence.start + 1, ev.sentence."end" - ev.sentence.start)
            FROM events ev JOIN articles a ON a.id = ev.article_id
            WHERE {' AND '.join(where)} ORDER BY a.ingested_at, ev.article_id, ev.idx""",
        args,
    ).fetchall()
    out = []
    for article_id, idx, type_, trigger, source, target, title, published, sentence in rows:
        who = f"{', '.join(source) or '?'} -> {', '.join(target) or '?'}"
        out.append(Match(
            article_id=article_id, key=f"{article_id}#event{idx}",
            summary=f"{type_}: {who} ({trigger!r}) in {title or article_id}",
            detail={"event": idx, "type": type_, "trigger": trigger, "source": source, "target": target,
                    "sentence": sentence, "title": title, "published": published.isoformat() if published else None},
        ))
    return out


def _topic_condition(alias_quote: str, alias_article: str) -> str:
    return (f"(list_contains({alias_article}.themes, ?) OR strpos(lower({alias_quote}.text), lower(?)) > 0)")


def _speaker_matches(store: Store, params: dict[str, Any], lo: Any, hi: Any) -> list[Match]:
    """Speakers (resolved actors) quoted on the topic in the window and never before it."""
    topic = params["topic"]
    rows = store.con.execute(
        f"""WITH spoken AS (
                SELECT x.article_id, x.idx, x.text, sp.name AS speaker, a.ingested_at, a.title
                FROM quotes x JOIN articles a ON a.id = x.article_id
                JOIN actor_entities sp ON sp.article_id = x.article_id AND sp.id = x.speaker.entity
                WHERE {_topic_condition('x', 'a')} AND a.ingested_at <= ?)
            SELECT s.speaker, arg_min(s.article_id, s.ingested_at), arg_min(s.idx, s.ingested_at),
                   arg_min(s.text, s.ingested_at), arg_min(s.title, s.ingested_at)
            FROM spoken s
            WHERE s.ingested_at > coalesce(CAST(? AS TIMESTAMP), '-infinity'::TIMESTAMP)
              AND NOT EXISTS (SELECT 1 FROM spoken o WHERE o.speaker = s.speaker
                              AND o.ingested_at <= coalesce(CAST(? AS TIMESTAMP), '-infinity'::TIMESTAMP))
            GROUP BY s.speaker ORDER BY s.speaker""",
        [topic, topic, hi, lo, lo],
    ).fetchall()
    return [
        Match(article_id=article_id, key=f"speaker:{speaker}",
              summary=f"new speaker on {topic!r}: {speaker} in {title or article_id}",
              detail={"speaker": speaker, "topic": topic, "quote": idx, "text": text, "title": title})
        for speaker, article_id, idx, text, title in rows
    ]


register(AlertKind(
    name="event",
    help="a new event, of a PLOVER type and/or with an actor (name or code) on either side or one side",
    params={"type": "PLOVER event type, e.g. ASSAULT", "actor": "actor name (any case) or actor code",
            "role": "either (default), source or target"},
    matches=_event_matches,
    choices={"role": ("either", "source", "target")},
))
register(AlertKind(
    name="speaker",
    help="a speaker quoted for the first time on a watched topic (a theme, or words in the quote)",
    params={"topic": "theme name (e.g. diplomacy) or words the quote contains"},
    matches=_speaker_matches,
    required=("topic",),
))


# ---- reading -----------------------------------------------------------------------------------------------------


def list_alerts(store: Store, *, rule: int | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    """Alerts, newest first."""
    if not has_tables(store):
        return {"total": 0, "limit": limit, "offset": offset, "items": []}
    where, args = "TRUE", []
    if rule is not None:
        where, args = "rule_id = ?", [rule]
    total = store.con.execute(f"SELECT count(*) FROM alerts WHERE {where}", args).fetchone()[0]  # type: ignore[index]
    rows = store.con.execute(
        f"""SELECT rule_id, key, article_id, kind, summary, detail, created_at, delivered_at, attempts, last_error
            FROM alerts WHERE {where} ORDER BY created_at DESC, rule_id, key LIMIT ? OFFSET ?""",
        [*args, limit, offset],
    ).fetchall()
    items = []
    for rid, key, article_id, kind, summary, detail, created, delivered, attempts, error in rows:
        items.append({
            "rule_id": rid, "key": key, "article_id": article_id, "kind": kind, "summary": summary,
            "detail": json.loads(detail) if detail else {}, "created_at": _ts(created),
            "delivered_at": _ts(delivered), "attempts": attempts, "last_error": error,
        })
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def _ts(value: Any) -> str | None:
    return value.isoformat(sep=" ", timespec="seconds") if value is not None else None


def undelivered(store: Store) -> list[tuple[dict[str, Any], str]]:
    """(alert, webhook URL) for alerts whose rule has a webhook and that are not delivered yet."""
    if not has_tables(store):
        return []
    rows = store.con.execute(
        """SELECT x.rule_id, x.key, x.article_id, x.kind, x.summary, x.detail, x.created_at, r.webhook
           FROM alerts x JOIN alert_rules r ON r.id = x.rule_id
           WHERE r.webhook IS NOT NULL AND x.delivered_at IS NULL AND x.attempts < ?
           ORDER BY x.created_at, x.rule_id, x.key""",
        [MAX_ATTEMPTS],
    ).fetchall()
    return [({"rule_id": rid, "key": key, "article_id": aid, "kind": kind, "summary": summary,
              "detail": json.loads(detail) if detail else {}, "created_at": _ts(created)}, hook)
            for rid, key, aid, kind, summary, detail, created, hook in rows]


def mark_delivery(store: Store, rule_id: int, key: str, error: str | None) -> None:
    if error is None:
        store.con.execute("UPDATE alerts SET delivered_at = now(), attempts = attempts + 1, last_error = NULL "
                          "WHERE rule_id = ? AND key = ?", [rule_id, key])
    else:
        store.con.execute("UPDATE alerts SET attempts = attempts + 1, last_error = ? WHERE rule_id = ? AND key = ?",
                          [error[:500], rule_id, key])
