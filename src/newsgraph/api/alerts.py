"""``/api/alerts``: the alerts raised by saved rules, newest first, and the rules themselves."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from newsgraph.api.routes import LIST_ERRORS, Limit, Offset, PageOut, StoreDep
from newsgraph.store import alerts

router = APIRouter(prefix="/api", tags=["alerts"])


@router.get("/alerts", response_model=PageOut, responses=LIST_ERRORS, summary="Alerts raised by the alert rules")
def list_alerts(
    db: StoreDep,
    rule: Annotated[int | None, Query(ge=1, le=2**62, description="only this rule's alerts")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return {"ok": True, **alerts.list_alerts(db, rule=rule, limit=limit, offset=offset)}


@router.get("/alerts/rules", summary="Alert rules, with the kinds a rule can have")
def list_rules(db: StoreDep) -> dict[str, Any]:
    kinds = {k.name: {"help": k.help, "params": k.params, "required": list(k.required)}
             for k in alerts.KINDS.values()}
    return {"ok": True, "items": alerts.list_rules(db), "kinds": kinds}
