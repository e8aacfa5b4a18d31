"""``newsgraph_places_v1``: recognise place names and resolve them to the offline GeoNames gazetteer.

Recognition, in order of trust:
- spaCy GPE/LOC/FAC entities and the place-like entities of ``doc._.ng_entities`` (the entities component
  relabels "Donetsk Oblast", tagged ORG by the small model, as GPE);
- ORG/PERSON spans whose whole text is a country or first-level region ("Ukraine" tagged ORG);
- gazetteer matches the model missed: capitalised word runs that are a country, region or news place anywhere,
  or a town after a locative preposition ("captured in Donetsk") or before a state qualifier ("London, Ky.").
Demonyms and languages (NORP) and people are never places.

Resolution scores every candidate of a name and keeps the best, saying why (``reason``):
- priors: feature class (country > news region > admin1 > city by population > admin2), main name over an
  alternate name, region words in the mention ("Donetsk Oblast" is the region, "Donetsk" the city);
- a qualifier right after the name: "London, Ky.", "Paris, Texas", "Alexandria, Va.";
- the document's context: countries and first-level regions named elsewhere with little doubt (admin1
  consistency), weighted up for the dateline ("KYIV, Ukraine —");
- the ambiguity of the name (how many places share it) is reported in the reason.
A name with no candidate keeps ``lat: None`` and does not change anything else.

The package: :mod:`.words` (the word lists), :mod:`.tokens` (token arrays read once per doc),
:mod:`.document` (a mention, and :class:`PlaceDoc`, the per-document state passed from step to step),
:mod:`.recognition` (which spans are places), :mod:`.qualifiers` ("London, Ky.", the dateline),
:mod:`.candidates` (look-up, names inside names, priors), :mod:`.geography` (the article's geography and the
context of one mention), :mod:`.resolution` (document-level resolution), :mod:`.home` (the source's home) and
:mod:`.component` (the factory).
"""

from __future__ import annotations

from newsgraph.nlp.places.component import PlacesComponent, make_places
from newsgraph.nlp.places.document import Mention, PlaceDoc
from newsgraph.nlp.places.home import Sources, register_home, set_home
from newsgraph.nlp.places.tokens import Tokens, read_tokens, token_at
from newsgraph.nlp.places.words import PLACE_LABELS

_token_at = token_at  # the name older callers use

__all__ = [
    "PLACE_LABELS",
    "Mention",
    "PlaceDoc",
    "PlacesComponent",
    "Sources",
    "Tokens",
    "make_places",
    "read_tokens",
    "register_home",
    "set_home",
    "token_at",
]
