"""Claims across articles: attributed statements as claims, grouped by proposition, checked against a claim;
and the stance of texts towards claims (FNC-1 labels).

One module per idea:

- ``model``: the ``Claim`` record (stored one row each in the ``claims`` table).
- ``lexicon``: the editable knowledge (cue -> stance table, hedges, negation markers, synonyms, stop words).
- ``terms``: the comparable terms of a text (stems, synonyms, country codes).
- ``polarity``: negation and hedges in a content span.
- ``extract``: an ``ArticleRecord`` -> its claims (quotes, statements nested in them, statement events).
- ``tables``: the DuckDB tables and views; ``write_claims`` runs in the store's write transaction.
- ``groups``: claim groups across articles (incremental leader clustering over the terms).
- ``queries``, ``export``: the read side (groups, statements, quotations) and ``export --format claims``.
- ``check``: ``check(store, claim)`` -> the stored statements that agree with, deny or discuss it.
- ``stance``, ``features``, ``train``, ``cli``: the trained stance classifier (FNC-1), used by ``check``.
"""
