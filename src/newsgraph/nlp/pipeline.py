"""``build_pipeline``: the spaCy model plus newsgraph's own registered components, in settings order."""

from __future__ import annotations

import importlib
import logging

import spacy
from spacy.language import Language

from newsgraph.errors import SettingsError
from newsgraph.nlp import fast_attributes
from newsgraph.nlp.annotations import register_extensions
from newsgraph.settings import Settings

LOGGER = logging.getLogger(__name__)

#: component name in settings -> module under newsgraph.nlp that registers factory "newsgraph_<name>_v1"
COMPONENT_MODULES: dict[str, str] = {
    "entities": "newsgraph.nlp.entities",
    "dates": "newsgraph.nlp.dates",
    "amounts": "newsgraph.nlp.amounts",
    "tone": "newsgraph.nlp.tone",
    "themes": "newsgraph.nlp.themes",
    "quotes": "newsgraph.nlp.quotes",
    "actors": "newsgraph.nlp.actors",
    "events": "newsgraph.nlp.events",
    "places": "newsgraph.nlp.places",
}


def factory_name(component: str) -> str:
    # spaCy forbids "." in factory names (E853), so "newsgraph.quotes.v1" is spelled "newsgraph_quotes_v1"
    return f"newsgraph_{component}_v1"


def analyzer_id(settings: Settings) -> str:
    """A short description of what produced a record: model and components."""
    return f"{settings.model}+" + ",".join(settings.components)


def build_pipeline(settings: Settings | None = None, *, model: Language | None = None) -> Language:
    """Load the spaCy model named in settings and add newsgraph's components.

    ``model`` may be given to reuse an already loaded (or hand-built) pipeline, as tests do.
    """
    settings = settings or Settings()
    register_extensions()
    nlp = model if model is not None else _load_model(settings.model)
    fast_attributes.speed_up(nlp)  # same annotations as the model's attribute_ruler, found by index
    for component in settings.components:
        module = COMPONENT_MODULES.get(component)
        if module is None:
            raise SettingsError(
                f"unknown component {component!r}; known: {', '.join(COMPONENT_MODULES)}"
            )
        importlib.import_module(module)  # registers the factory
        name = factory_name(component)
        if name not in nlp.pipe_names:
            config: dict[str, object] = {"knowledge_dir": settings.knowledge_dir} if _takes_knowledge(name) else {}
            nlp.add_pipe(name, name=name, config=config)
    LOGGER.debug("pipeline: %s", nlp.pipe_names)
    return nlp


def _takes_knowledge(factory: str) -> bool:
    meta = Language.get_factory_meta(factory)
    return "knowledge_dir" in (meta.default_config or {})


def _load_model(name: str) -> Language:
    try:
        return spacy.load(name)
    except OSError as exc:
        raise SettingsError(
            f"cannot load spaCy model {name!r}: {exc}. Install it from PyPI (it is never downloaded at run time)."
        ) from exc
