"""The store side of claims (the records side is ``newsgraph.claims``): tables and views, incremental groups,
the read queries, ``export --format claims`` and the claim check over a store."""
