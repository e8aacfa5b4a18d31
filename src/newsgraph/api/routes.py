"""``/api`` routes: thin over :mod:`newsgraph.store.queries` (the SQL) and :func:`newsgraph.runner.analyze_text`."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from newsgraph.store import queries
from newsgraph.web.deps import CueClasses, MinConfidence, MinQuoteConfidence, QuoteSetting, StoreDep

router = APIRouter(prefix="/api", tags=["api"])

MAX_LIMIT = 500
MAX_OFFSET = 1_000_000_000


class ErrorOut(BaseModel):
    ok: bool = Field(False, description="always false")
    error: str = Field(description="what went wrong")
    status: int = Field(description="the HTTP status, repeated")
    detail: list[dict[str, Any]] | None = Field(None, description="per-parameter problems (422 only)")


class PageOut(BaseModel):
    ok: bool = True
    total: int = Field(description="items matching the filters (with total_exact false: at least this many)")
    total_exact: bool = Field(True, description="false where total is a lower bound: the quotes matched by a "
                                                "speaker's words past the count's cap (queries.QUOTE_COUNT_CAP)")
    limit: int
    offset: int
    items: list[dict[str, Any]]


class AnalyzeIn(BaseModel):
    text: str = Field(min_length=1, description="the article text (kept byte for byte: offsets index it)")
    id: str | None = Field(None, max_length=500)
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000)
    source: str | None = Field(None, max_length=500)
    published: date | None = Field(None, description="publication date, the reference for relative dates")


class Interval(StrEnum):
    day = "day"
    month = "month"
    all = "all"


class StatsBy(StrEnum):
    type = "type"
    actor = "actor"


class DatesBy(StrEnum):
    event = "event"
    published = "published"


ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "unknown id"},
    422: {"model": ErrorOut, "description": "bad parameters"},
}
LIST_ERRORS: dict[int | str, dict[str, Any]] = {422: ERRORS[422]}

Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="items to skip")]
DateFrom = Annotated[date | None, Query(description="from this day (YYYY-MM-DD), inclusive")]
DateTo = Annotated[date | None, Query(description="to this day (YYYY-MM-DD), inclusive")]
Country = Annotated[str | None, Query(min_length=2, max_length=3, pattern=r"^[A-Za-z]{2,3}$", description="ISO 3166 code")]
EventType = Annotated[str | None, Query(max_length=40, description="PLOVER event type, e.g. ASSAULT")]


def _dates(date_from: date | None, date_to: date | None) -> tuple[str | None, str | None]:
    if date_from and date_to and date_from > date_to:
        raise RequestValidationError(
            [{"loc": ("query", "date_from"), "msg": "date_from is after date_to", "type": "value_error"}]
        )
    return (date_from.isoformat() if date_from else None, date_to.isoformat() if date_to else None)


def _ok(page: dict[str, Any]) -> dict[str, Any]:
    return {"ok": True, **page}


@router.get("/articles", response_model=PageOut, responses=LIST_ERRORS, summary="Search and filter articles")
def articles(
    db: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="words in the title or text")] = None,
    source: Text = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor name or code named in the article")] = None,
    theme: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> dict[str, Any]:
    lo, hi = _dates(date_from, date_to)
    return _ok(queries.list_articles(
        db, q=q, source=source, date_from=lo, date_to=hi, actor=actor, theme=theme, limit=limit, offset=offset,
        min_confidence=min_confidence,
    ))


@router.get("/articles/{article_id:path}", responses=ERRORS, summary="One article's full record (RECORD.md)")
def article(db: StoreDep, article_id: Annotated[str, Path(max_length=500)]) -> dict[str, Any]:
    return queries.get_article(db, article_id).to_dict()


@router.get("/entities", response_model=PageOut, responses=LIST_ERRORS, summary="Actors across articles")
def entities(
    db: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="part of the name, or an actor code")] = None,
    label: Annotated[str | None, Query(max_length=20, description="entity label, e.g. PERSON")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> dict[str, Any]:
    return _ok(queries.list_entities(db, q=q, label=label, limit=limit, offset=offset, min_confidence=min_confidence))


@router.get(
    "/entities/{entity_id:path}",
    responses=ERRORS,
    summary="One actor (by canonical name): quotes, events as source and target, co-occurring actors",
)
def entity(
    db: StoreDep, entity_id: Annotated[str, Path(max_length=500)], classes: CueClasses, quote_floor: QuoteSetting,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows of each list (quotes, events as source, "
                                "as target, articles); the rest: /api/quotes?speaker=, /api/events?source=")]
    = queries.ENTITY_ROWS,
) -> dict[str, Any]:
    return {"ok": True, **queries.get_entity(db, entity_id, limit=limit, min_confidence=min_confidence,
                                             cue_class=classes, min_quote_confidence=quote_floor)}


@router.get("/quotes", response_model=PageOut, responses=LIST_ERRORS, summary="Quotes with resolved speakers")
def quotes(
    db: StoreDep,
    classes: CueClasses,
    speaker: Annotated[str | None, Query(max_length=200, description="actor name, or words of the speaker mention")] = None,
    cue: Annotated[str | None, Query(max_length=100, description="cue lemma or text: say, claim, according to")] = None,
    q: Annotated[str | None, Query(max_length=200, description="words in the quote")] = None,
    article: Annotated[str | None, Query(max_length=500, description="article id")] = None,
    min_confidence: MinQuoteConfidence = queries.DEFAULT_MIN_QUOTE_CONFIDENCE,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return _ok(queries.list_quotes(db, speaker=speaker, cue=cue, q=q, article=article, cue_class=classes,
                                   limit=limit, offset=offset, min_confidence=min_confidence))


def event_filters(
    type: EventType = None,
    source: Annotated[str | None, Query(max_length=200, description="source actor: name or code")] = None,
    target: Annotated[str | None, Query(max_length=200, description="target actor: name or code")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor on either side: name or code")] = None,
    source_country: Country = None,
    target_country: Country = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    place: Annotated[str | None, Query(max_length=200, description="place name (part) or country code")] = None,
    article: Annotated[str | None, Query(max_length=500, description="article id")] = None,
    published_from: Annotated[date | None, Query(description="article published from this day, inclusive")] = None,
    published_to: Annotated[date | None, Query(description="article published to this day, inclusive")] = None,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> dict[str, Any]:
    lo, hi = _dates(date_from, date_to)
    plo, phi = _dates(published_from, published_to)
    return {
        "type": type, "source": source, "target": target, "actor": actor, "source_country": source_country,
        "target_country": target_country, "date_from": lo, "date_to": hi, "place": place, "article": article,
        "published_from": plo, "published_to": phi, "min_confidence": min_confidence,
    }


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]


@router.get("/events", response_model=PageOut, responses=LIST_ERRORS, summary="Events with actors and sentences")
def events(db: StoreDep, filters: EventFilters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return _ok(queries.list_events(db, limit=limit, offset=offset, **filters))


@router.get("/stats/events", responses=LIST_ERRORS, summary="Event counts by type or actor per day or month")
def stats_events(
    db: StoreDep,
    filters: EventFilters,
    by: StatsBy = StatsBy.type,
    interval: Interval = Interval.month,
    top: Annotated[int, Query(ge=1, le=100, description="keys kept; the rest are summed as 'other'")] = 20,
    dates: Annotated[DatesBy, Query(description="count on the event's own day or its article's publication day")]
    = DatesBy.event,
) -> dict[str, Any]:
    return {"ok": True, **queries.event_stats(
        db, by=by.value, interval=interval.value, top=top, dates=dates.value, **filters
    )}


@router.get("/stats/actor", responses=ERRORS, summary="One actor's events and quotes by month, counterparts, places")
def stats_actor(
    db: StoreDep, name: Annotated[str, Query(min_length=1, max_length=500, description="actor name")],
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> dict[str, Any]:
    return {"ok": True, **queries.actor_profile(db, name, min_confidence=min_confidence)}


@router.get("/network", responses=LIST_ERRORS, summary="Actor network: who acts on whom, weighted by events")
def network(
    db: StoreDep,
    type: EventType = None,
    min_weight: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    limit: Annotated[int, Query(ge=1, le=1000)] = 150,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> dict[str, Any]:
    lo, hi = _dates(date_from, date_to)
    return {"ok": True, **queries.network(
        db, type=type, min_weight=min_weight, limit=limit, date_from=lo, date_to=hi, min_confidence=min_confidence
    )}


@router.get("/places", response_model=PageOut, responses=LIST_ERRORS, summary="Place mentions with context")
def places(
    db: StoreDep,
    name: Annotated[str | None, Query(max_length=200, description="place name (exact, any case)")] = None,
    country: Country = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return _ok(queries.list_places(db, name=name, country=country, limit=limit, offset=offset))


@router.get("/stats/places", summary="Places with coordinates and mention counts (for the map)")
def stats_places(db: StoreDep, limit: Annotated[int, Query(ge=1, le=5000)] = 1000) -> dict[str, Any]:
    return {"ok": True, "items": queries.place_stats(db, limit=limit)}


@router.get("/facets", summary="Values for search forms: sources, themes, date range, event types")
def facets(db: StoreDep) -> dict[str, Any]:
    return {"ok": True, **queries.facets(db)}


@router.post(
    "/analyze",
    responses={
        400: {"model": ErrorOut, "description": "body that cannot be read (e.g. not UTF-8)"},
        413: {"model": ErrorOut, "description": "body over the size limit"},
        422: ERRORS[422],
    },
    summary="Analyse a text: the record comes back, nothing is stored",
)
async def analyze(request: Request, body: Annotated[AnalyzeIn, Body()]) -> dict[str, Any]:
    meta = {
        "id": body.id, "title": body.title, "url": body.url, "source": body.source,
        "published": body.published.isoformat() if body.published else None,
    }
    record = await run_in_threadpool(request.app.state.analyzer, body.text, meta)
    return record.to_dict()  # type: ignore[no-any-return]
