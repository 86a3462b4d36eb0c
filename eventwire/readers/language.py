"""Language identification with py3langid (its model ships in the package): which articles the pipeline can read.

The stages are written for English (the spaCy model, the verb patterns, the titles), so an article in another
language is not processed but recorded as skipped with its language, never silently lost. The language is
identified from the text, not taken from the page: pages declare it wrongly (on the extraction benchmark, two
German pages declare ``en`` and two English ones ``de``). An identification below :data:`MIN_CONFIDENCE` (a
title-only entry, a list of names) is not trusted, and such an article is processed rather than dropped.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from eventwire.model import Article

SUPPORTED = frozenset({"en"})
UNDETERMINED = "und"  # ISO 639-2 for "undetermined"
# py3langid's probabilities (norm_probs, calibrated by text length). Chosen on the 91 pages of the extraction
# benchmark cut to their first 40, 80, 150 and 300 characters: of the 327 cuts identified with confidence
# >= 0.5, 325 agreed with the language of the whole text; of the 37 below 0.5, 9 did not (one in four).
MIN_CONFIDENCE = 0.5
SAMPLE_CHARS = 5_000  # the language of an article is clear from its first few paragraphs; more only costs time


@cache
def _identifier() -> Any:
    """The py3langid model, loaded once per process (0.7 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> tuple[str, float]:
    """``(ISO 639-1 code, probability)`` of the text's language; ``("und", 0.0)`` for text without letters."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return UNDETERMINED, 0.0
    language, confidence = _identifier().classify(sample)
    return str(language), float(confidence)


def assign(article: Article) -> str | None:
    """Set ``article.language`` from its text; the reason to skip it (``"language de"``), or None to process it.

    An uncertain identification keeps the language the source declared (or ``und``) and does not skip: an
    article wrongly skipped is lost to the analysis, one wrongly processed only yields few events.
    """
    text = "\n\n".join(([article.title] if article.title else []) + article.paragraphs)
    language, confidence = identify(text)
    article.metadata["language_confidence"] = round(confidence, 3)
    if confidence < MIN_CONFIDENCE:
        article.metadata["language_identified"] = f"{language} (uncertain)"
        article.language = article.language or UNDETERMINED
        return None
    if article.language and article.language != language:
        article.metadata["language_declared"] = article.language
    article.language = language
    return None if language in SUPPORTED else f"language {language}"
