"""The Alerts page: what the saved alert rules matched, newest first, and the rules."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from newsgraph.store import alerts
from newsgraph.web.deps import StoreDep
from newsgraph.web.pages import PER_PAGE, PageNo, _page, _pager

router = APIRouter(include_in_schema=False)


@router.get("/alerts", response_class=HTMLResponse)
def alerts_page(request: Request, db: StoreDep, page: PageNo = 1) -> HTMLResponse:
    result = alerts.list_alerts(db, limit=PER_PAGE, offset=(page - 1) * PER_PAGE)
    return _page(request, "alerts.html", result=result, rules=alerts.list_rules(db),
                 pager=_pager(result["total"], page, {}))
