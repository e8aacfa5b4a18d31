"""``/api`` routes of the claims package: claim groups, one group, statements, quotations and the claim check.
Thin over :mod:`newsgraph.store.claims.queries` and :func:`newsgraph.store.claims.check.check`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.exceptions import RequestValidationError

from newsgraph.api.routes import ERRORS, LIST_ERRORS, Limit, Offset, PageOut, StoreDep
from newsgraph.store.claims import queries
from newsgraph.store.claims.check import MAX_CLAIM_CHARS
from newsgraph.store.claims.check import check as check_claim

router = APIRouter(prefix="/api", tags=["claims"])

Name = Annotated[str | None, Query(max_length=200, description="canonical actor name")]


@router.get("/claims", response_model=PageOut, responses=LIST_ERRORS,
            summary="Claim groups across articles, contested first")
def claims(
    db: StoreDep,
    q: Annotated[str | None, Query(max_length=200, description="words of the representative wording")] = None,
    contested: Annotated[bool | None, Query(description="only contested (true) or uncontested (false) groups")] = None,
    actor: Name = None,
    min_claims: Annotated[int, Query(ge=1, le=10_000, description="groups with at least this many claims")] = 2,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return {"ok": True, **queries.list_groups(db, q=q, contested=contested, actor=actor, min_claims=min_claims,
                                              limit=limit, offset=offset)}


@router.get("/claims/{group_id}", responses=ERRORS,
            summary="One claim group: wording, each speaker's position, every statement with its sentence")
def claim_group(db: StoreDep, group_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    return {"ok": True, **queries.get_group(db, group_id)}


@router.get("/statements", response_model=PageOut, responses=LIST_ERRORS,
            summary="Claims (attributed statements) by speaker, by an actor they mention, article or stance")
def statements(
    db: StoreDep,
    speaker: Name = None,
    about: Name = None,
    article: Annotated[str | None, Query(max_length=500, description="article id")] = None,
    stance: Annotated[str | None, Query(max_length=40, description="asserts, denies, warns, ...")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return {"ok": True, **queries.list_claims(db, speaker=speaker, about=about, article=article, stance=stance,
                                              limit=limit, offset=offset)}


@router.get("/quotations", response_model=PageOut, responses=LIST_ERRORS,
            summary="Direct quotes reprinted in several articles, with occurrences and misattribution flags")
def quotations(
    db: StoreDep,
    min_occurrences: Annotated[int, Query(ge=1, le=10_000)] = 2,
    misattributed: Annotated[bool | None, Query(description="only quotations attributed to different speakers")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    return {"ok": True, **queries.list_quotations(db, min_occurrences=min_occurrences, misattributed=misattributed,
                                                  limit=limit, offset=offset)}


@router.get("/check", responses=LIST_ERRORS,
            summary="Claim check: stored statements that agree with, deny or discuss a claim, by speaker")
def check(
    db: StoreDep,
    claim: Annotated[str, Query(min_length=1, max_length=MAX_CLAIM_CHARS, description="the claim, in plain words")],
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> dict[str, Any]:
    if not claim.strip():
        raise RequestValidationError([{"loc": ("query", "claim"), "msg": "the claim is empty", "type": "value_error"}])
    return {"ok": True, **check_claim(db, claim, limit=limit)}
