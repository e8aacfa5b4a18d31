"""A WHERE clause built from conditions and their bound parameters (the read queries' filters)."""

from __future__ import annotations

from typing import Any


class Where:
    """AND-ed SQL conditions, each with the parameters its ``?`` placeholders take, in order.

    >>> w = Where()
    >>> w.add("a.source = ?", "VOA")
    >>> w.add("a.published >= CAST(? AS DATE)", "2025-01-01")
    >>> w.sql, w.params
    ('a.source = ? AND a.published >= CAST(? AS DATE)', ['VOA', '2025-01-01'])
    """

    __slots__ = ("conds", "params")

    def __init__(self, cond: str | None = None, *params: Any) -> None:
        self.conds: list[str] = []
        self.params: list[Any] = []
        if cond:
            self.add(cond, *params)

    def add(self, cond: str, *params: Any) -> None:
        if cond.count("?") != len(params):
            raise ValueError(f"{cond!r} takes {cond.count('?')} parameters, given {len(params)}")
        self.conds.append(cond)
        self.params.extend(params)

    @property
    def sql(self) -> str:
        """The conditions joined with AND; ``TRUE`` when there are none."""
        return " AND ".join(self.conds) or "TRUE"
