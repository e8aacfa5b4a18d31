"""Pages of the claims package: claim groups (contested first), one group with its speakers for and against on
a timeline, and the claim check. Thin over :mod:`newsgraph.store.claims.queries`; templates autoescaped."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from newsgraph.store.claims import queries
from newsgraph.store.claims.check import MAX_CLAIM_CHARS
from newsgraph.store.claims.check import check as check_claim
from newsgraph.web.deps import StoreDep
from newsgraph.web.pages import PER_PAGE, _page, _pager

router = APIRouter(include_in_schema=False)

Str = Annotated[str, Query(max_length=200)]
PageNo = Annotated[int, Query(ge=1, le=100_000)]
ROWS = {"supports": 18, "both": 45, "discusses": 45, "denies": 72}
WIDTH, PAD = 640, 64


def timeline(statements: list[dict[str, Any]]) -> dict[str, Any]:
    """Dots for the statements of a group: x by publication date, y by position (supports above, denies below)."""
    days = [date.fromisoformat(s["published"]) for s in statements if s.get("published")]
    lo, hi = (min(days), max(days)) if days else (None, None)
    span = max((hi - lo).days, 1) if lo and hi else 1
    dots = []
    for i, s in enumerate(statements):
        if s.get("published") and lo:
            x = PAD + (date.fromisoformat(s["published"]) - lo).days / span * (WIDTH - 2 * PAD)
        else:
            x = WIDTH - PAD
        if lo == hi:
            x = PAD + (i + 0.5) / len(statements) * (WIDTH - 2 * PAD)
        dots.append({"x": round(x, 1), "y": ROWS.get(s["position"], 45), "s": s})
    return {"width": WIDTH, "dots": dots, "first": lo.isoformat() if lo else None, "last": hi.isoformat() if hi else None}


@router.get("/claims", response_class=HTMLResponse)
def claims_page(
    request: Request, db: StoreDep, q: Str = "", contested: Str = "", actor: Str = "", page: PageNo = 1
) -> HTMLResponse:
    only = True if contested == "1" else None
    result = queries.list_groups(db, q=q or None, contested=only, actor=actor or None, limit=PER_PAGE,
                                 offset=(page - 1) * PER_PAGE)
    params = {"q": q, "contested": contested, "actor": actor}
    return _page(request, "claims.html", result=result, params=params, pager=_pager(result["total"], page, params))


@router.get("/claims/{group_id}", response_class=HTMLResponse)
def claim_group_page(request: Request, db: StoreDep, group_id: str) -> HTMLResponse:
    group = queries.get_group(db, group_id)
    return _page(request, "claim_group.html", g=group, tl=timeline(group["statements"]))


@router.get("/check", response_class=HTMLResponse)
def check_page(
    request: Request, db: StoreDep, claim: Annotated[str, Query(max_length=MAX_CLAIM_CHARS)] = ""
) -> HTMLResponse:
    result = check_claim(db, claim) if claim.strip() else None
    return _page(request, "check.html", claim=claim, result=result)
