"""Storage: DuckDB (default) and exporters."""

from newsgraph.store.duck import Store

__all__ = ["Store"]
