"""Server-rendered pages: thin over :mod:`newsgraph.store.queries`, templates autoescaped, no inline script.

Pages work without JavaScript (lists, annotated text, "who said what" as disclosure widgets); the scripts in
``static/`` add the charts, the map, the network and click-to-highlight. Nothing is loaded from another site.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsgraph.records import CUE_CLASSES
from newsgraph.store import queries
from newsgraph.web import render
from newsgraph.web.deps import CueClasses, MinConfidence, MinQuoteConfidence, QuoteSetting, StoreDep

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATE_DIR = HERE / "templates"
PER_PAGE = 25

router = APIRouter(include_in_schema=False)


def make_templates() -> Jinja2Templates:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,  # every template, whatever its name: article text is untrusted
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(entity_href=render.entity_href, article_href=render.article_href, safe_url=render.safe_url)
    env.filters["qs"] = lambda params: urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return Jinja2Templates(env=env)


def _page(request: Request, name: str, **context: Any) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, name, context)  # type: ignore[no-any-return]


Str = Annotated[str, Query(max_length=200)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]


def _day(name: str, value: str) -> str | None:
    """A form's date field: '' is no date; anything else must be YYYY-MM-DD (422 otherwise)."""
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise RequestValidationError(
            [{"loc": ("query", name), "msg": "expected a date YYYY-MM-DD", "type": "date_from_datetime_parsing"}]
        ) from None


def _pager(total: int, page: int, params: dict[str, Any], exact: bool = True) -> dict[str, Any]:
    """Links to the pages of a list of ``total`` rows; not ``exact``: ``total`` is a lower bound (a capped count),
    so there is always a next page (an empty one past the end says "No ... matches")."""
    pages = max(1, -(-total // PER_PAGE))
    return {
        "page": page, "pages": pages if exact else max(pages, page), "total": total, "params": params, "exact": exact,
        "prev": page - 1 if page > 1 else None, "next": page + 1 if page < pages or not exact else None,
    }


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request, db: StoreDep, q: Str = "", source: Str = "", date_from: Str = "", date_to: Str = "",
    actor: Str = "", theme: Str = "", page: PageNo = 1,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> HTMLResponse:
    lo, hi = _day("date_from", date_from), _day("date_to", date_to)
    params = {"q": q, "source": source, "date_from": date_from, "date_to": date_to, "actor": actor, "theme": theme}
    result = queries.list_articles(
        db, q=q or None, source=source or None, date_from=lo, date_to=hi, actor=actor or None,
        theme=theme or None, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, min_confidence=min_confidence,
    )
    facets = queries.facets(db)
    span_days = 0
    if facets["first"] and facets["last"]:
        span_days = (date.fromisoformat(facets["last"]) - date.fromisoformat(facets["first"])).days
    return _page(
        request, "home.html", result=result, facets=facets, params=params,
        pager=_pager(result["total"], page, params), interval="month" if span_days > 92 else "day",
        counts=queries.shown_counts(db, min_confidence=min_confidence),
    )


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article_page(
    request: Request, db: StoreDep, article_id: str, min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> HTMLResponse:
    record = queries.get_article(db, article_id)
    # events below the confidence floor are left out of the list and the highlights (ids keep their numbers)
    hidden = queries.hidden_events(record, queries.confidence_floor(db, min_confidence))
    return _page(
        request, "article.html", r=record, body=render.annotate(record, hidden=hidden),
        groups=render.speaker_groups(record), events=[ev for ev in render.event_rows(record) if ev["j"] not in hidden],
        entities=render.entity_rows(record), legend=render.legend(record, hidden=hidden),
        url=render.safe_url(record.url),
    )


@router.get("/entities", response_class=HTMLResponse)
def entities_page(
    request: Request, db: StoreDep, q: Str = "", label: Str = "", page: PageNo = 1,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> HTMLResponse:
    result = queries.list_entities(db, q=q or None, label=label or None, limit=PER_PAGE, offset=(page - 1) * PER_PAGE,
                                   min_confidence=min_confidence)
    params = {"q": q, "label": label}
    return _page(request, "entities.html", result=result, params=params, pager=_pager(result["total"], page, params))


@router.get("/entities/{name:path}", response_class=HTMLResponse)
def entity_page(
    request: Request, db: StoreDep, name: str, classes: CueClasses, quote_floor: QuoteSetting,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> HTMLResponse:
    ent = queries.get_entity(db, name, limit=queries.ENTITY_ROWS, min_confidence=min_confidence, cue_class=classes,
                             min_quote_confidence=quote_floor)
    from newsgraph.store.claims.queries import actor_claims  # claims: "claims made" and "claims about" on the page

    return _page(request, "entity.html", e=ent, profile=queries.actor_profile(db, name, min_confidence=min_confidence),
                 claims=actor_claims(db, name), rows=queries.ENTITY_ROWS)


def _event_params(
    type: Str = "", source: Str = "", target: Str = "", actor: Str = "", place: Str = "",
    date_from: Str = "", date_to: Str = "", article: Str = "", published_from: Str = "", published_to: Str = "",
) -> dict[str, Any]:
    return {"type": type, "source": source, "target": target, "actor": actor, "place": place,
            "date_from": date_from, "date_to": date_to, "article": article,
            "published_from": published_from, "published_to": published_to}


@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, db: StoreDep, params: Annotated[dict[str, Any], Depends(_event_params)], page: PageNo = 1,
    min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> HTMLResponse:
    filters: dict[str, Any] = {k: (v or None) for k, v in params.items()}
    filters["date_from"] = _day("date_from", params["date_from"])
    filters["date_to"] = _day("date_to", params["date_to"])
    filters["published_from"] = _day("published_from", params["published_from"])
    filters["published_to"] = _day("published_to", params["published_to"])
    result = queries.list_events(db, limit=PER_PAGE, offset=(page - 1) * PER_PAGE, min_confidence=min_confidence,
                                 **filters)
    params = {**params, "min_confidence": min_confidence}
    return _page(request, "events.html", result=result, params=params, pager=_pager(result["total"], page, params),
                 confidence=queries.has_column(db, "events", "confidence"))


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(
    request: Request, db: StoreDep, classes: CueClasses, speaker: Str = "", cue: Str = "", q: Str = "",
    page: PageNo = 1, min_confidence: MinQuoteConfidence = queries.DEFAULT_MIN_QUOTE_CONFIDENCE,
) -> HTMLResponse:
    result = queries.list_quotes(
        db, speaker=speaker or None, cue=cue or None, q=q or None, cue_class=classes, limit=PER_PAGE,
        offset=(page - 1) * PER_PAGE, min_confidence=min_confidence,
    )
    params = {"speaker": speaker, "cue": cue, "q": q, "cue_class": ",".join(classes) if classes else "all",
              "min_confidence": min_confidence}
    return _page(request, "quotes.html", result=result, params=params,
                 pager=_pager(result["total"], page, params, result["total_exact"]),
                 cue_classes=CUE_CLASSES, confidence=queries.has_column(db, "quotes", "confidence"))


@router.get("/places", response_class=HTMLResponse)
def places_page(request: Request, db: StoreDep, name: Str = "", country: Str = "", page: PageNo = 1) -> HTMLResponse:
    result = queries.list_places(
        db, name=name or None, country=country or None, limit=PER_PAGE, offset=(page - 1) * PER_PAGE
    )
    params = {"name": name, "country": country}
    return _page(request, "places.html", result=result, params=params, pager=_pager(result["total"], page, params))


@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request, db: StoreDep, type: Str = "", min_weight: Annotated[int, Query(ge=1, le=1000)] = 1,
    date_from: Str = "", date_to: Str = "", min_confidence: MinConfidence = queries.DEFAULT_MIN_CONFIDENCE,
) -> HTMLResponse:
    lo, hi = _day("date_from", date_from), _day("date_to", date_to)
    params = {"type": type, "min_weight": min_weight, "date_from": lo or "", "date_to": hi or "",
              "min_confidence": min_confidence}
    strongest = queries.network(
        db, type=type or None, min_weight=min_weight, limit=25, date_from=lo, date_to=hi,
        min_confidence=min_confidence,
    )["edges"]
    return _page(request, "network.html", params=params, types=queries.EVENT_TYPES, strongest=strongest,
                 confidence=queries.has_column(db, "events", "confidence"))
