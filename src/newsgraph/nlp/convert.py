"""The one boundary out of spaCy: a processed Doc plus its Article become an ArticleRecord."""

from __future__ import annotations

from spacy.tokens import Doc

from newsgraph.nlp.annotations import EntityAnn, get_list
from newsgraph.records import Actor, Article, ArticleRecord, Entity, Mention, Tone


def entity_record(text: str, ann: EntityAnn) -> Entity:
    return Entity(
        id=ann.id,
        name=ann.name,
        label=ann.label,
        actor=ann.actor or Actor(),
        kb_id=ann.kb_id,
        mentions=[Mention(start=s, end=e, text=text[s:e]) for s, e in ann.mentions],
        roles=list(ann.roles),
        rule=ann.rule,
    )


def doc_to_record(doc: Doc, article: Article, *, language: str = "en", analyzer: str | None = None) -> ArticleRecord:
    """Collect every component's annotations from ``doc`` into the article record."""
    if doc.text != article.text:
        raise ValueError("doc text differs from the article text: offsets would not index the article")
    return ArticleRecord(
        id=article.id,
        text=article.text,
        language=language,
        title=article.title,
        url=article.url,
        source=article.source,
        published=article.published,
        entities=[entity_record(article.text, ann) for ann in get_list(doc, "ng_entities")],
        quotes=list(get_list(doc, "ng_quotes")),
        events=list(get_list(doc, "ng_events")),
        places=list(get_list(doc, "ng_places")),
        dates=list(get_list(doc, "ng_dates")),
        amounts=list(get_list(doc, "ng_amounts")),
        tone=doc._.ng_tone or Tone(),
        themes=list(get_list(doc, "ng_themes")),
        status="analyzed",
        analyzer=analyzer,
    )


def skipped_record(article: Article, *, language: str, reason: str, analyzer: str | None = None) -> ArticleRecord:
    """A record for an article that was not analysed (e.g. not English): every key present, lists empty."""
    return ArticleRecord(
        id=article.id,
        text=article.text,
        language=language,
        title=article.title,
        url=article.url,
        source=article.source,
        published=article.published,
        status="skipped",
        reason=reason,
        analyzer=analyzer,
    )
