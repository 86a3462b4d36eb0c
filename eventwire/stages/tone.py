"""tone: a lexicon-based document tone and a tone for each event's sentence (VADER, which ships its lexicon).

``article.tone`` holds ``avg_tone`` (GDELT AvgTone-like: the share of positive words minus the share of
negative words, in percent, over the whole text), ``positive`` and ``negative`` (those shares), and
``compound`` (VADER's normalised score of the text, −1 … +1). Each event's ``tone`` is VADER's compound score
of its sentence times 10, on the same −10 … +10 footing as its intensity.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from eventwire.model import Article
from eventwire.stages.base import Stage, StageContext, register


@lru_cache(maxsize=1)
def analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@register("tone")
class Tone(Stage):
    name = "tone"
    requires = ("doc", "events")
    assigns = ("tone",)

    def __init__(self, ctx: StageContext) -> None:
        self.vader = analyzer()
        self.lexicon: dict[str, float] = self.vader.lexicon

    def process_article(self, article: Article) -> None:
        doc = article.doc
        words = [t.lower_ for t in doc if t.is_alpha]
        positive = sum(1 for w in words if self.lexicon.get(w, 0.0) > 0)
        negative = sum(1 for w in words if self.lexicon.get(w, 0.0) < 0)
        total = max(len(words), 1)
        scores: dict[str, float] = {}
        sentence_scores = [self.vader.polarity_scores(s.text)["compound"] for s in doc.sents if s.text.strip()]
        article.tone = {
            "avg_tone": round(100.0 * (positive - negative) / total, 3),
            "positive": round(100.0 * positive / total, 3),
            "negative": round(100.0 * negative / total, 3),
            "compound": round(sum(sentence_scores) / len(sentence_scores), 4) if sentence_scores else 0.0,
            "words": float(len(words)),
        }
        for event in article.events:
            if event.sentence not in scores:
                scores[event.sentence] = round(10.0 * self.vader.polarity_scores(event.sentence)["compound"], 3)
            event.tone = scores[event.sentence]
