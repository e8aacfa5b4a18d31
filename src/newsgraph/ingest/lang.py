"""Language identification (py3langid, a model shipped inside the package: nothing is downloaded)."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _identifier():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str, *, min_chars: int = 40) -> tuple[str, float]:
    """(ISO 639-1 code, confidence). Texts with fewer than ``min_chars`` letters are taken as English."""
    sample = text[:1500]
    letters = sum(ch.isalpha() for ch in sample)
    if letters < min_chars:
        return "en", 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)
