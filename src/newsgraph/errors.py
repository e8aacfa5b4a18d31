"""One exception hierarchy. Front ends turn a NewsgraphError into one clear message (CLI exit 1, HTTP JSON)."""

from __future__ import annotations


class NewsgraphError(Exception):
    """Base of every error newsgraph raises on purpose."""


class IngestError(NewsgraphError):
    """An input could not be read as an article (binary, empty, unreadable, malformed)."""


class ExtractionError(NewsgraphError):
    """The NLP pipeline could not analyse an article (too long, internal failure)."""


class StoreError(NewsgraphError):
    """The database could not be read or written."""


class NotFound(NewsgraphError):
    """An id that is not in the store."""


class SettingsError(NewsgraphError):
    """A setting has an unknown name or a bad value."""


class KnowledgeError(SettingsError):
    """A knowledge file (bundled or the user's ``knowledge_dir``) has a malformed row; the message names the file
    and line."""
