"""The source's home: the place an article's source is from, a prior for its local names ("Brandon", "Kent")."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from spacy.tokens import Doc

from newsgraph.gazetteer import Candidate, Gazetteer
from newsgraph.nlp.knowledge import load_table
from newsgraph.nlp.places.candidates import prior
from newsgraph.nlp.places.document import Mention
from newsgraph.nlp.places.qualifiers import qualifier
from newsgraph.records import Article

LOGGER = logging.getLogger(__name__)

SOURCES_FILE = "sources.tsv"
_PLACE_KEY = re.compile(r"^(?:c|ct|a1|a2|p|k):")


def register_home() -> None:
    """``doc._.ng_home``: (home, source name, url) of the article, set before the pipeline runs (``set_home``)."""
    if not Doc.has_extension("ng_home"):
        Doc.set_extension("ng_home", default=None)


def set_home(doc: Doc, article: Article) -> None:
    """Give the places component what it needs to find the article source's home."""
    register_home()
    if article.home or article.source or article.url:
        doc._.ng_home = (article.home, article.source, article.url)


class Sources:
    """knowledge/sources.tsv: a source (a domain such as ``richmond.com``, or a source name) -> its home place
    ("Richmond, Va.", a gazetteer key, or ``-`` for none); a user knowledge folder's file adds or replaces rows."""

    def __init__(self, knowledge_dir: str | Path | None = None) -> None:
        self.homes: dict[str, str | None] = {}
        # the bundled rows, then the user's (a later row of the same source replaces an earlier one)
        for row in load_table(SOURCES_FILE, ("source", "home", "note"), knowledge_dir, required=1):
            source, home, _note = row.cells
            self.homes[source.lower()] = None if home in ("", "-") else home

    def home_of(self, source: str | None, url: str | None) -> str | None:
        """The home of a url's domain (or a parent domain: ``www.voanews.com`` -> ``voanews.com``), else of
        the source name."""
        if url:
            host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
            parts = host.split(".")
            for i in range(len(parts) - 1):
                domain = ".".join(parts[i:])
                if domain in self.homes:
                    return self.homes[domain]
        if source and source.strip().lower() in self.homes:
            return self.homes[source.strip().lower()]
        return None


class Homes:
    """Home places by what ``doc._.ng_home`` gives, each found in the gazetteer once."""

    def __init__(self, gazetteer: Gazetteer, sources: Sources) -> None:
        self.gaz = gazetteer
        self.sources = sources
        self._cache: dict[str, Candidate | None] = {}

    def home(self, given: tuple[str | None, str | None, str | None] | None) -> Candidate | None:
        """The home place of an article's source from ``doc._.ng_home`` (home, source name, url): the article's
        own ``home`` field (or ``--home``), else the ``knowledge/sources.tsv`` row of its url's domain or
        source name; None where neither names one (an international broadcaster has no home)."""
        if not given:
            return None
        home, source, url = given
        if not home:
            home = self.sources.home_of(source, url)
        if not home:
            return None
        if home not in self._cache:
            self._cache[home] = self.place(home)
        return self._cache[home]

    def place(self, home: str) -> Candidate | None:
        """"Richmond, Va." -> Richmond, Virginia; "a1:US:VA" -> Virginia; "Iowa" -> the state."""
        if _PLACE_KEY.match(home):
            found = self.gaz.by_key(home)
            if found is None:
                LOGGER.warning("home %r: no such gazetteer key", home)
            return found
        name, _, qual = home.partition(",")
        cands = [c for c, main in self.gaz.lookup(name.strip()) if main]
        if qual.strip():
            quals = qualifier(self.gaz, ", " + qual.strip(), 0)
            cands = [c for c in cands if any(
                c.country == q.country and (q.feature == "country" or c.admin1 == q.admin1) for q, _ in quals)]
        if not cands:
            LOGGER.warning("home %r: not in the gazetteer", home)
            return None
        probe = Mention(0, len(name), name.strip(), "home", "")
        return max(cands, key=lambda c: prior(probe, c, True))
