"""The ``newsgraph_places_v1`` factory and component: recognition, the source's home, then resolution."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.gazetteer import Gazetteer, get_gazetteer
from newsgraph.nlp.annotations import get_list, register_extensions
from newsgraph.nlp.places.document import PlaceDoc
from newsgraph.nlp.places.home import Homes, Sources, register_home
from newsgraph.nlp.places.press import press_cities
from newsgraph.nlp.places.recognition import Recogniser
from newsgraph.nlp.places.resolution import Resolver
from newsgraph.nlp.places.tokens import Tokens, read_tokens
from newsgraph.nlp.places.words import PLACE_LABELS


@Language.factory(
    "newsgraph_places_v1",
    default_config={
        "knowledge_dir": None,
        "labels": list(PLACE_LABELS),
        "min_town_population": 1000,
        "site_fallback": True,
    },
    assigns=["doc._.ng_places"],
    requires=["doc.ents", "doc._.ng_entities"],
)
def make_places(
    nlp: Language, name: str, knowledge_dir: str | None, labels: list[str], min_town_population: int,
    site_fallback: bool,
) -> PlacesComponent:
    register_extensions()
    register_home()
    return PlacesComponent(nlp, get_gazetteer(knowledge_dir), labels, min_town_population, site_fallback,
                           Sources(knowledge_dir), press_cities(knowledge_dir))


class PlacesComponent:
    """Each document's state travels in a :class:`PlaceDoc`; the component keeps only its parts and their
    caches of name-only answers."""

    def __init__(
        self, nlp: Language, gazetteer: Gazetteer, labels: list[str] | tuple[str, ...] = PLACE_LABELS,
        min_town_population: int = 1000, site_fallback: bool = True, sources: Sources | None = None,
        press: frozenset[tuple[str, str]] | None = None,
    ) -> None:
        self.gaz = gazetteer
        self._strings = nlp.vocab.strings
        self.recogniser = Recogniser(nlp.vocab.strings, gazetteer, set(labels), min_town_population)
        self.resolver = Resolver(gazetteer, site_fallback, press_cities() if press is None else press)
        self.homes = Homes(gazetteer, sources if sources is not None else Sources())

    @property
    def sources(self) -> Sources:
        return self.homes.sources

    @sources.setter
    def sources(self, sources: Sources) -> None:
        self.homes = Homes(self.gaz, sources)

    def tokens(self, doc: Doc) -> Tokens:
        """The token arrays of ``doc`` (also its text: doc.text builds Token objects on every access)."""
        return read_tokens(doc, self._strings)

    def __call__(self, doc: Doc) -> Doc:
        places = get_list(doc, "ng_places")
        toks = self.tokens(doc)
        home = self.homes.home(doc._.ng_home) if Doc.has_extension("ng_home") else None
        pdoc = PlaceDoc(toks.text, toks, home)
        pdoc.mentions = self.recogniser.recognise(doc, toks)
        places[:] = self.resolver.resolve(pdoc)
        return doc
